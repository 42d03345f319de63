//! POST /api/v1/communities/{id}/property-contracts — assign a company to a community for a
//! service period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::companies::views::{date, load_company, ContractView};
use diandan_app::principal::{community, principal};
use diandan_domain::time;
use diandan_store::audit;
use diandan_store::clock;
use diandan_store::companies::{self, ContractRow};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContract {
    pub company_id: String,
    /// First day served, YYYY-MM-DD (China time).
    pub starts_on: String,
    /// Last day served; omitted: until ended.
    pub ends_on: Option<String>,
}

/// Assign a company (admin of the community's district). One company at a time: periods of a
/// community may not overlap.
#[utoipa::path(
    operation_id = "createServiceContract",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewContract,
    responses(
        (status = 201, body = ContractView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "contract_overlap", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/property-contracts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewContract>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let starts_on = date("starts_on", &b.starts_on)?;
    let ends_on = b.ends_on.as_deref().map(|e| date("ends_on", e)).transpose()?;
    if ends_on.as_ref().is_some_and(|e| *e < starts_on) {
        return Err(ApiError::invalid("ends_on", "must not be before starts_on"));
    }
    let id = id.into_inner();
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require_admin_of(&comm.district_id)?;
        let company = load_company(c, &b.company_id)?;
        if companies::overlapping(c, &comm.id, &starts_on, ends_on.as_deref(), None)? {
            return Err(Error::new(
                Code::ContractOverlap,
                "another company serves this community during part of that period",
            ));
        }
        let row = ContractRow {
            id: clock::new_id(),
            company_id: company.id,
            community_id: comm.id.clone(),
            starts_on,
            ends_on,
            created_by: Some(p.id().to_owned()),
            created_at: time::to_db(clock::now()),
        };
        companies::insert_contract(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.contract",
                object_type: "property_contract",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "company_id": row.company_id, "starts_on": row.starts_on, "ends_on": row.ends_on }),
            },
        )?;
        Ok(ContractView::from(row))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
