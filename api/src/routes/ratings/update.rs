//! PUT /api/v1/ratings/{id} — revise a rating while its period is open.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{put, web};
use diandan_app::ratings::rating::revise_rating;
use diandan_app::ratings::views::{RatingView, ScoresBody};

/// Replace the scores and comment (any verified owner or occupant of the dwelling).
#[utoipa::path(
    operation_id = "updateRating",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating id")),
    request_body = ScoresBody,
    responses(
        (status = 200, body = RatingView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "rating_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[put("/ratings/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ScoresBody>,
) -> Result<web::Json<RatingView>, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| revise_rating(app, &caller, &id, b)).await?;
    Ok(web::Json(view))
}
