//! POST /api/v1/consultations/{id}/announce

use crate::caller::Caller;
use crate::consultation_views::ConsultationView;
use crate::lifecycle;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::transition_endpoint::run;
use actix_web::{post, web};

/// Announce (公示): the agenda becomes public and fixed; the voting window must leave the announcement period.
#[utoipa::path(
    operation_id = "announceConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "announcement_period, empty_menu, invalid_window, wrong_state", body = crate::problem::Problem),
    )
)]
#[post("/announce")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let out = run(&state, caller, id.into_inner(), |c, p, row, now| lifecycle::announce(c, p.id(), row, now)).await?;
    Ok(web::Json(out))
}
