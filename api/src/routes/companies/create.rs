//! POST /api/v1/property-companies — an admin registers a property company.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::companies::company::{register_company, NewCompany};
use diandan_app::companies::views::CompanyView;

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
    let view = blocking::run(&state, move |app| register_company(app, &caller, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
