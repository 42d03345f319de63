//! GET /api/v1/reviews/{id} — a review with its summary per measure.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::review::{get_review, ReviewView};

/// A review with the opinions per measure, the counts and who gave none (committee, admin, designers, the panel).
#[utoipa::path(
    operation_id = "getReview",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "review id")),
    responses(
        (status = 200, body = ReviewView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ReviewView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_review(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
