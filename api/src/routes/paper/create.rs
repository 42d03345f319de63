//! POST /api/v1/consultations/{id}/paper-ballots — a committee member enters a signed paper
//! ballot; it counts only after a second member confirms it.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ballots::paper::{enter_paper, PaperBallot, PaperEntered};

/// Enter a paper ballot (four eyes: another committee member confirms it).
#[utoipa::path(
    operation_id = "enterPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = PaperBallot,
    responses(
        (status = 201, body = PaperEntered),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "paper_not_accepted", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, signed_outside_window", body = crate::problem::Problem),
    )
)]
#[post("/paper-ballots")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<PaperBallot>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let out = blocking::run(&state, move |app| enter_paper(app, &caller, &id, &b)).await?;
    Ok(HttpResponse::Created().json(out))
}
