//! POST /api/v1/auth/wechat — a resident logs in with a `wx.login()` code.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::wechat::{login, WeChatLogin};
use diandan_app::views::TokenPair;

/// Log in (or register on first login) with WeChat.
#[utoipa::path(
    operation_id = "loginWithWeChat",
    tag = "auth",
    request_body = WeChatLogin,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "wechat_code_invalid, wechat_code_used, account_disabled", body = crate::problem::Problem),
        (status = 403, description = "wechat_user_blocked", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
        (status = 429, description = "wechat_rate_limited", body = crate::problem::Problem),
        (status = 503, description = "wechat_busy, wechat_unreachable, wechat_error, wechat_not_configured, database_unavailable, overloaded", body = crate::problem::Problem),
    )
)]
#[post("/auth/wechat")]
pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<WeChatLogin>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let request = body.into_inner();
    let wechat = state.wechat.clone();
    let pair = blocking::run(&state, move |app| login(app, &wechat, &request)).await?;
    Ok(web::Json(pair))
}
