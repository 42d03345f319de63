//! POST /api/v1/paper-ballots/{version_id}/confirm — a second committee member confirms a
//! paper ballot against its scan; from then on it counts (if signed after the owner's other
//! versions) and its receipt is on the bulletin.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::ballots::paper::{confirm_paper, PaperConfirmed};

/// Confirm a paper ballot (not by the member who entered it).
#[utoipa::path(
    operation_id = "confirmPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("version_id" = String, Path, description = "paper ballot version id")),
    responses(
        (status = 200, body = PaperConfirmed),
        (status = 403, description = "forbidden, same_member", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "not_pending, paper_not_accepted", body = crate::problem::Problem),
    )
)]
#[post("/paper-ballots/{version_id}/confirm")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    version_id: web::Path<String>,
) -> Result<web::Json<PaperConfirmed>, ApiError> {
    let vid = version_id.into_inner();
    let out = blocking::run(&state, move |app| confirm_paper(app, &caller, &vid)).await?;
    Ok(web::Json(out))
}
