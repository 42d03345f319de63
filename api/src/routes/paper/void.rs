//! POST /api/v1/paper-ballots/{version_id}/void — discard a paper entry that does not match
//! its scan (it stays in the history, voided, with the reason).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ballots::paper::{void_paper, VoidRequest};

/// Void a pending paper ballot.
#[utoipa::path(
    operation_id = "voidPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("version_id" = String, Path, description = "paper ballot version id")),
    request_body = VoidRequest,
    responses((status = 204, description = "voided"), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "not_pending", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[post("/paper-ballots/{version_id}/void")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    version_id: web::Path<String>,
    body: web::Json<VoidRequest>,
) -> Result<HttpResponse, ApiError> {
    let (vid, b) = (version_id.into_inner(), body.into_inner());
    blocking::run(&state, move |app| void_paper(app, &caller, &vid, &b)).await?;
    Ok(HttpResponse::NoContent().finish())
}
