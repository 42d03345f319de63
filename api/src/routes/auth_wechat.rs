//! POST /api/v1/auth/wechat — a resident logs in with a `wx.login()` code.

use crate::blocking;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::session;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::views::TokenPair;
use diandan_auth::wechat::WeChatError;
use diandan_store::{audit, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WeChatLogin {
    /// The code from `wx.login()` (or `dev:<name>` when development login is enabled).
    pub code: String,
}

/// How WeChat's answers reach the mini-program.
pub fn wechat_problem(e: WeChatError) -> Error {
    match e {
        WeChatError::InvalidCode => {
            Error::new(Code::WechatCodeInvalid, "the WeChat login code is invalid or expired; call wx.login() again")
        }
        WeChatError::CodeUsed => {
            Error::new(Code::WechatCodeUsed, "this WeChat code was already used; call wx.login() again")
        }
        WeChatError::RateLimited => {
            Error::new(Code::WechatRateLimited, "WeChat is limiting requests; retry in a minute").retry_after(60)
        }
        WeChatError::Busy => Error::new(Code::WechatBusy, "WeChat is busy; retry shortly"),
        WeChatError::Blocked => Error::new(Code::WechatUserBlocked, "WeChat reports this user as blocked"),
        WeChatError::NotConfigured => {
            Error::new(Code::WechatNotConfigured, "WeChat login is not configured on this server")
        }
        WeChatError::Unreachable { endpoint, kind } => {
            tracing::warn!(endpoint, kind, "WeChat unreachable");
            Error::new(Code::WechatUnreachable, "WeChat could not be reached; retry shortly")
        }
        WeChatError::Api { errcode, errmsg } => {
            tracing::warn!(errcode, %errmsg, "WeChat API error");
            Error::new(Code::WechatError, format!("WeChat answered error {errcode}"))
        }
    }
}

pub fn check_code(code: &str) -> Result<(), Error> {
    let max = diandan_domain::limits::WECHAT_CODE_MAX;
    if code.trim().is_empty() || code.len() > max {
        return Err(Error::invalid("code", format!("must be a WeChat code of 1–{max} characters")));
    }
    Ok(())
}

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
        (status = 503, description = "wechat_busy, wechat_unreachable, wechat_error", body = crate::problem::Problem),
    )
)]
#[post("/auth/wechat")]
pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<WeChatLogin>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let code = body.into_inner().code;
    check_code(&code)?;
    let wechat = state.wechat.clone();
    let session = web::block(move || wechat.code2session(&code)).await?.map_err(wechat_problem)?;
    let jwt = state.jwt.clone();
    let ttl = state.refresh_ttl_days;
    let pair = blocking::write(&state, move |c| {
        let user = match users::by_openid(c, &session.openid)? {
            Some(u) => u,
            None => {
                let u = users::insert_resident(c, &session.openid, "微信用户")?;
                audit::append(
                    c,
                    audit::Event {
                        actor_id: Some(&u.id),
                        action: "user.register",
                        object_type: "user",
                        object_id: &u.id,
                        community_id: None,
                        detail: json!({ "kind": "resident" }),
                    },
                )?;
                u
            }
        };
        if user.disabled_at.is_some() {
            return Err(Error::new(Code::AccountDisabled, "this account is disabled"));
        }
        session::issue(c, &jwt, ttl, &user.id, &user.kind, None)
    })
    .await?;
    Ok(web::Json(pair))
}
