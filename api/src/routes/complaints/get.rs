//! GET /api/v1/complaints/{id} — one order with its history.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::read::read_complaint;
use diandan_app::complaints::views::ComplaintView;

/// Read an order and its events (the submitter, its community's committee and residents, and
/// the staff of the company it is assigned to).
#[utoipa::path(
    operation_id = "getComplaint",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "complaint id")),
    responses((status = 200, body = ComplaintView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ComplaintView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| read_complaint(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
