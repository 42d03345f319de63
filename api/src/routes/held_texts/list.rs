//! GET /api/v1/held-texts — what WeChat's content check held in a community, for its committee.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::moderation::queue::{list_held, HeldView, QueueQuery};
use diandan_app::page::Page;

/// List held texts (oldest first): of a community for its committee and district admins, or
/// held display names (no `community_id`) for the platform admin. Held texts are read by their
/// author and these reviewers only until released.
#[utoipa::path(
    operation_id = "listHeldTexts",
    tag = "content",
    security(("bearer" = [])),
    params(QueueQuery),
    responses(
        (status = 200, body = Page<HeldView>),
        (status = 400, description = "invalid_query", body = crate::problem::Problem),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[get("/held-texts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<QueueQuery>,
) -> Result<web::Json<Page<HeldView>>, ApiError> {
    let q = q.into_inner();
    Ok(web::Json(blocking::run(&state, move |app| list_held(app, &caller, &q)).await?))
}
