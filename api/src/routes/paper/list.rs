//! GET /api/v1/consultations/{id}/paper-ballots — paper ballots waiting for confirmation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::paper::{list_pending, PendingPaper};

/// Pending paper ballots, oldest first (for the second member's check).
#[utoipa::path(
    operation_id = "listPaperBallots",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<PendingPaper>), (status = 403, body = crate::problem::Problem))
)]
#[get("/paper-ballots")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<PendingPaper>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_pending(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
