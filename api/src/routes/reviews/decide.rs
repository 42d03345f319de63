//! POST /api/v1/reviews/{id}/decision — the committee records the review's outcome.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::review::{decide_review, ReviewDecision, ReviewView};

/// Record the outcome (committee and admin): accepted moves the project to public notice, revise sends it back to the designer.
#[utoipa::path(
    operation_id = "decideReview",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "review id")),
    request_body = ReviewDecision,
    responses(
        (status = 200, body = ReviewView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "review_closed", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/decision")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ReviewDecision>,
) -> Result<web::Json<ReviewView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| decide_review(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
