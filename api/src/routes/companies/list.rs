//! GET /api/v1/property-companies — the companies an admin manages, or a staff member's own.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::companies::company::list_companies;
use diandan_app::companies::views::CompanyView;

/// List companies: admins see those of their districts, property staff their own company.
#[utoipa::path(
    operation_id = "listPropertyCompanies",
    tag = "property",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CompanyView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/property-companies")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Vec<CompanyView>>, ApiError> {
    let out = blocking::run(&state, move |app| list_companies(app, &caller)).await?;
    Ok(web::Json(out))
}
