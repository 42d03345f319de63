//! GET /api/v1/message-templates — the subscribe-message templates the mini-program may ask for.

use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::messages::grants::{list_templates, MessageTemplate};

/// The configured templates by kind, for `wx.requestSubscribeMessage({ tmplIds })`.
#[utoipa::path(
    operation_id = "listMessageTemplates",
    tag = "messages",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<MessageTemplate>), (status = 401, body = crate::problem::Problem))
)]
#[get("/message-templates")]
pub async fn handler(state: web::Data<AppState>, _caller: Caller) -> Result<web::Json<Vec<MessageTemplate>>, ApiError> {
    Ok(web::Json(list_templates(&state.app)))
}
