//! PATCH /api/v1/consultations/{id} — edit a draft's title, description, periods and window.
//! Only the fields sent change; the merged draft is checked by the rules of a new one.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{patch, web};
use diandan_app::consultations::update::{update_consultation, ConsultationPatch};
use diandan_app::consultations::views::ConsultationView;

/// Replace a draft's fields (all of them: omitted optional fields are cleared or defaulted).
#[utoipa::path(
    operation_id = "updateConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = ConsultationPatch,
    responses(
        (status = 200, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "not_draft", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[patch("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ConsultationPatch>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let patch = body.into_inner();
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| update_consultation(app, &caller, &id, patch)).await?;
    Ok(web::Json(out))
}
