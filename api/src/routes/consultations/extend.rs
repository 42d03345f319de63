//! POST /api/v1/consultations/{id}/extend — extend (never shorten) the voting window.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use chrono::{DateTime, Utc};
use diandan_app::consultations::steps::{take, Step};
use diandan_app::consultations::views::ConsultationView;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The new end of the voting window; later than the current one.
    pub closes_at: DateTime<Utc>,
    /// Shown to residents (1–200 characters).
    pub reason: String,
}

/// Extend the voting window, with a reason residents see.
#[utoipa::path(
    operation_id = "extendConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = Extension,
    responses(
        (status = 200, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "window_not_extended, wrong_state", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, voting_window_too_long (beyond DIANDAN_MAX_VOTING_DAYS from opening)", body = crate::problem::Problem),
    )
)]
#[post("/extend")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Extension>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let Extension { closes_at, reason } = body.into_inner();
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| take(app, &caller, &id, Step::Extend { closes_at, reason })).await?;
    Ok(web::Json(out))
}
