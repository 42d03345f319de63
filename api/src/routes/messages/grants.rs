//! GET /api/v1/me/message-grants — the messages the resident accepted and has not been sent yet.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::messages::grants::{my_grants, MessageGrant};

/// The caller's accepted subscribe messages by kind.
#[utoipa::path(
    operation_id = "listMyMessageGrants",
    tag = "messages",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<MessageGrant>), (status = 401, body = crate::problem::Problem))
)]
#[get("/me/message-grants")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Vec<MessageGrant>>, ApiError> {
    let g = blocking::run(&state, move |app| my_grants(app, &caller)).await?;
    Ok(web::Json(g))
}
