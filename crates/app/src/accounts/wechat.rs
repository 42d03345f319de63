//! A resident logs in with a `wx.login()` code (registering on the first login). WeChat is
//! asked before any transaction opens.

use crate::accounts::session;
use crate::views::TokenPair;
use crate::{Code, Context, Error};
use diandan_auth::wechat::{WeChat, WeChatError};
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
        WeChatError::TokenInvalid(errcode) => {
            tracing::warn!(errcode, "WeChat refused a freshly fetched access token");
            Error::new(Code::WechatError, format!("WeChat answered error {errcode}"))
        }
        WeChatError::Refused => Error::new(Code::WechatError, "WeChat answered error 43101"),
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

/// Logs in the WeChat user behind `request.code`, creating their resident account the first
/// time. Blocks on WeChat: call it on the blocking pool.
pub fn login(ctx: &Context, wechat: &WeChat, request: &WeChatLogin) -> Result<TokenPair, Error> {
    check_code(&request.code)?;
    let session = wechat.code2session(&request.code).map_err(wechat_problem)?;
    ctx.db.write(|c| {
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
                        district_id: None,
                        detail: json!({ "kind": "resident" }),
                    },
                )?;
                u
            }
        };
        if user.disabled_at.is_some() {
            return Err(Error::new(Code::AccountDisabled, "this account is disabled"));
        }
        session::issue(c, ctx, &user.id, &user.kind, None)
    })
}
