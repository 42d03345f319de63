//! POST /api/v1/communities/{id}/consultations — the committee drafts a consultation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::consultations::create::{create_consultation, ConsultationFields};
use diandan_app::consultations::views::ConsultationView;

/// Draft a consultation (its menu is added item by item).
#[utoipa::path(
    operation_id = "createConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = ConsultationFields,
    responses(
        (status = 201, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 422, description = "validation_failed, voting_window_too_long (beyond DIANDAN_MAX_VOTING_DAYS)", body = crate::problem::Problem),
    )
)]
#[post("/consultations")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ConsultationFields>,
) -> Result<HttpResponse, ApiError> {
    let f = body.into_inner();
    let id = id.into_inner();
    let view = blocking::run(&state, move |app| create_consultation(app, &caller, &id, f)).await?;
    Ok(HttpResponse::Created().json(view))
}
