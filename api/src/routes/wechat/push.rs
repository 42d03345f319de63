//! POST /api/v1/wechat/push — WeChat pushes an event (plaintext JSON): a photo's verdict.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::moderation::push::{receive_push, PushQuery};

/// Receive a push from WeChat: `wxa_media_check` records a photo's verdict (pass: shown;
/// risky: hidden for good; review: held for the committee); other events are acknowledged.
/// Signed like the URL check; answered `success` as WeChat expects. Called by WeChat, not clients.
#[utoipa::path(
    operation_id = "receiveWechatPush",
    tag = "content",
    params(PushQuery),
    request_body(content = Object, content_type = "application/json", description = "WeChat's push"),
    responses(
        (status = 200, content((String = "text/plain")), description = "success"),
        (status = 400, description = "invalid_query", body = crate::problem::Problem),
        (status = 403, body = crate::problem::Problem),
        (status = 404, description = "not_found: no WECHAT_PUSH_TOKEN is set", body = crate::problem::Problem),
        (status = 413, description = "body_too_large", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/wechat/push")]
pub async fn handler(
    state: web::Data<AppState>,
    q: web::Query<PushQuery>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    blocking::run(&state, move |app| receive_push(app, &q, &body)).await?;
    Ok(HttpResponse::Ok().content_type("text/plain; charset=utf-8").body("success"))
}
