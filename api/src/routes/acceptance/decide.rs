//! POST /api/v1/projects/{id}/acceptance/decision — the committee's acceptance decision.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::acceptance::{decide, AcceptanceDecisionInput, AcceptanceView};

/// Record the committee's acceptance decision with its reason and the figures it was taken on: accepted (every works notice closed) ends the project; not_accepted keeps it in acceptance (committee and admin).
#[utoipa::path(
    operation_id = "decideAcceptance",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    request_body = AcceptanceDecisionInput,
    responses(
        (status = 200, body = AcceptanceView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase, notices_open", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/acceptance/decision")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<AcceptanceDecisionInput>,
) -> Result<web::Json<AcceptanceView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| decide(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
