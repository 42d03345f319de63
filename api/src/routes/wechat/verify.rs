//! GET /api/v1/wechat/push — the URL check WeChat makes when the message push is configured.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diandan_app::moderation::push::{verify_url, PushQuery};

/// Answer WeChat's URL check: `echostr` back when the signature (SHA-1 of the sorted token,
/// timestamp and nonce) is the configured `WECHAT_PUSH_TOKEN`'s. Called by WeChat, not clients.
#[utoipa::path(
    operation_id = "verifyWechatPush",
    tag = "content",
    params(PushQuery),
    responses(
        (status = 200, content((String = "text/plain")), description = "the echostr"),
        (status = 400, description = "invalid_query", body = crate::problem::Problem),
        (status = 403, body = crate::problem::Problem),
        (status = 404, description = "not_found: no WECHAT_PUSH_TOKEN is set", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[get("/wechat/push")]
pub async fn handler(state: web::Data<AppState>, q: web::Query<PushQuery>) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let echo = blocking::run(&state, move |app| verify_url(app, &q)).await?;
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body(echo))
}
