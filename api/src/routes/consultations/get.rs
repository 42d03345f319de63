//! GET /api/v1/consultations/{id} — one consultation with its menu.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::get::get_consultation;
use diandan_app::consultations::views::ConsultationView;

/// Read a consultation.
#[utoipa::path(
    operation_id = "getConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = ConsultationView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_consultation(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
