//! PUT /api/v1/reviews/{id}/opinions — a representative gives opinions on measures.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{put, web};
use diandan_app::projects::review::{give_opinions, Opinions, ReviewView};

/// Give measures agree / agree_with_changes / disagree with a comment (panel members, while the review runs); given again, an opinion replaces the earlier one.
#[utoipa::path(
    operation_id = "giveOpinions",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "review id")),
    request_body = Opinions,
    responses(
        (status = 200, body = ReviewView),
        (status = 403, description = "not_a_representative", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "review_closed", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[put("/opinions")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<Opinions>,
) -> Result<web::Json<ReviewView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| give_opinions(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
