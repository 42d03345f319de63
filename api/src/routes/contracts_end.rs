//! POST /api/v1/property-contracts/{id}/end — set the last day of a service period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::companies::views::{date, ContractView};
use diandan_app::principal::{community, principal};
use diandan_domain::ids;
use diandan_store::{audit, companies};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndContract {
    /// Last day served, YYYY-MM-DD; not before the first day.
    pub ends_on: String,
}

/// End (or shorten, or extend) a service period: admin of the community's district. From the day
/// after `ends_on`, the company's staff no longer reach the community.
#[utoipa::path(
    operation_id = "endServiceContract",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "contract id")),
    request_body = EndContract,
    responses(
        (status = 200, body = ContractView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "contract_overlap", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/property-contracts/{id}/end")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<EndContract>,
) -> Result<web::Json<ContractView>, ApiError> {
    let ends_on = date("ends_on", &body.ends_on)?;
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let row = ids::is_uuid(&id)
            .then(|| companies::get_contract(c, &id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("contract"))?;
        let comm = community(c, &row.community_id)?;
        p.require_admin_of(&comm.district_id)?;
        if ends_on < row.starts_on {
            return Err(Error::invalid("ends_on", "must not be before the first day served"));
        }
        if companies::overlapping(c, &comm.id, &row.starts_on, Some(&ends_on), Some(&row.id))? {
            return Err(Error::new(
                Code::ContractOverlap,
                "another company serves this community during part of that period",
            ));
        }
        companies::end_contract(c, &row.id, &ends_on)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.contract_end",
                object_type: "property_contract",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "company_id": row.company_id, "ends_on": ends_on, "was": row.ends_on }),
            },
        )?;
        Ok(ContractView::from(companies::get_contract(c, &row.id)?.ok_or_else(|| Error::not_found("contract"))?))
    })
    .await?;
    Ok(web::Json(view))
}
