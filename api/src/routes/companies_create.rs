//! POST /api/v1/property-companies — an admin registers a property company.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::companies::views::{service_phone, CompanyView};
use diandan_app::principal::principal;
use diandan_domain::limits;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::companies::{self, CompanyRow};
use diandan_store::{audit, communities, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCompany {
    pub district_id: String,
    /// 1–100 characters, unique in the district.
    pub name: String,
    /// 统一社会信用代码: 18 letters and digits.
    pub credit_code: Option<String>,
    pub contact_phone: Option<String>,
}

/// Register a property company in a district (its admins, or the platform admin).
#[utoipa::path(
    operation_id = "createPropertyCompany",
    tag = "property",
    security(("bearer" = [])),
    request_body = NewCompany,
    responses(
        (status = 201, body = CompanyView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "company_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/property-companies")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewCompany>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let name = limits::NAME.check(&b.name).map_err(|m| Error::invalid("name", m))?;
    let credit_code = b.credit_code.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
    if credit_code.as_ref().is_some_and(|c| c.len() != 18 || !c.chars().all(|ch| ch.is_ascii_alphanumeric())) {
        return Err(ApiError::invalid("credit_code", "must be 18 letters and digits"));
    }
    let contact_phone = b.contact_phone.as_deref().map(service_phone).transpose()?;
    let view = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&b.district_id) || communities::district(c, &b.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&b.district_id)?;
        let row = CompanyRow {
            id: clock::new_id(),
            district_id: b.district_id,
            name,
            credit_code,
            contact_phone,
            created_at: time::to_db(clock::now()),
        };
        companies::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => {
                Error::new(Code::CompanyExists, "a company of this name is registered in the district")
            }
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.create",
                object_type: "property_company",
                object_id: &row.id,
                community_id: None,
                detail: json!({ "district_id": row.district_id, "name": row.name }),
            },
        )?;
        Ok(CompanyView::from(row))
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}
