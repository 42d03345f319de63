//! POST /api/v1/held-texts/{id}/decision — the committee releases or removes a held text.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::moderation::decide::{decide_held, HeldDecision};
use diandan_app::moderation::queue::HeldView;

/// Release a held text (everyone who may read its subject reads it) or remove it (it stays
/// hidden; its author still reads what they wrote). Once per held text.
#[utoipa::path(
    operation_id = "decideHeldText",
    tag = "content",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "held text id")),
    request_body = HeldDecision,
    responses(
        (status = 200, body = HeldView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_decided", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/held-texts/{id}/decision")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<HeldDecision>,
) -> Result<web::Json<HeldView>, ApiError> {
    let (id, d) = (id.into_inner(), body.into_inner());
    Ok(web::Json(blocking::run(&state, move |app| decide_held(app, &caller, &id, &d)).await?))
}
