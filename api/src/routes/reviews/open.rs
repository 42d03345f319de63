//! POST /api/v1/designs/{id}/review — the committee puts a design version to the representatives.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::review::{open_review, ReviewView};

/// Open the representatives' review of the latest design version (committee and admin); the panel is the representatives appointed now.
#[utoipa::path(
    operation_id = "openReview",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design id")),
    responses(
        (status = 201, body = ReviewView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase, design_not_latest, no_representatives", body = crate::problem::Problem),
    )
)]
#[post("/review")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| open_review(app, &caller, &id)).await?;
    Ok(HttpResponse::Created().json(out))
}
