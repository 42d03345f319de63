//! The WeChat mini-program API: `jscode2session` (login) and `getuserphonenumber` (verified
//! phone). Blocking (ureq): callers run it on a blocking thread. The base URL is configurable
//! so tests talk to a local stub; the app secret and session_key never leave this module.

use serde::Deserialize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct WeChatConfig {
    pub base_url: String,
    pub appid: String,
    pub secret: String,
    /// Accept `dev:<name>` codes (and `dev:<phone>` phone codes) without calling WeChat.
    pub dev_login: bool,
    pub timeout: Duration,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeChatError {
    #[error("the login code is invalid or expired (40029)")]
    InvalidCode,
    #[error("the login code was already used (40163)")]
    CodeUsed,
    #[error("WeChat rate limit reached (45011)")]
    RateLimited,
    #[error("WeChat is busy (-1)")]
    Busy,
    #[error("this WeChat user is blocked (40226)")]
    Blocked,
    #[error("WeChat is not configured (WECHAT_APPID / WECHAT_SECRET)")]
    NotConfigured,
    /// Only the endpoint's name and the kind of failure: a transport error's text holds the
    /// request URL, whose query carries the app secret, the access token or the user's code.
    #[error("WeChat {endpoint} could not be reached: {kind}")]
    Unreachable { endpoint: &'static str, kind: &'static str },
    #[error("WeChat error {errcode}: {errmsg}")]
    Api { errcode: i64, errmsg: String },
}

impl WeChatError {
    fn from_code(errcode: i64, errmsg: String) -> WeChatError {
        match errcode {
            40029 => WeChatError::InvalidCode,
            40163 => WeChatError::CodeUsed,
            45011 => WeChatError::RateLimited,
            -1 => WeChatError::Busy,
            40226 => WeChatError::Blocked,
            _ => WeChatError::Api { errcode, errmsg },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub openid: String,
    pub unionid: Option<String>,
}

#[derive(Deserialize)]
struct SessionReply {
    openid: Option<String>,
    unionid: Option<String>,
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

#[derive(Deserialize)]
struct TokenReply {
    access_token: Option<String>,
    #[serde(default)]
    expires_in: u64,
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

#[derive(Deserialize)]
struct PhoneInfo {
    #[serde(rename = "purePhoneNumber")]
    pure_phone_number: String,
    #[serde(rename = "countryCode", default)]
    country_code: String,
}

#[derive(Deserialize)]
struct PhoneReply {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
    phone_info: Option<PhoneInfo>,
}

pub struct WeChat {
    cfg: WeChatConfig,
    agent: ureq::Agent,
    access_token: Mutex<Option<(String, Instant)>>,
}

pub const DEV_PREFIX: &str = "dev:";

impl WeChat {
    pub fn new(cfg: WeChatConfig) -> WeChat {
        let agent = ureq::AgentBuilder::new().timeout(cfg.timeout).build();
        WeChat { cfg, agent, access_token: Mutex::new(None) }
    }

    pub fn dev_login(&self) -> bool {
        self.cfg.dev_login
    }

    fn configured(&self) -> Result<(), WeChatError> {
        if self.cfg.appid.is_empty() || self.cfg.secret.is_empty() {
            Err(WeChatError::NotConfigured)
        } else {
            Ok(())
        }
    }

    /// Reads a reply as JSON; a failure keeps only the endpoint and its kind (see `Unreachable`).
    fn reply<T: serde::de::DeserializeOwned>(
        endpoint: &'static str,
        result: Result<ureq::Response, ureq::Error>,
    ) -> Result<T, WeChatError> {
        let kind = match result {
            Ok(resp) => {
                return resp
                    .into_json::<T>()
                    .map_err(|_| WeChatError::Unreachable { endpoint, kind: "unreadable reply" })
            }
            Err(ureq::Error::Status(code, _)) if code >= 500 => "HTTP 5xx",
            Err(ureq::Error::Status(_, _)) => "HTTP 4xx",
            Err(ureq::Error::Transport(t)) => match t.kind() {
                ureq::ErrorKind::Dns => "name not resolved",
                ureq::ErrorKind::ConnectionFailed => "connection failed",
                ureq::ErrorKind::Io => "connection broken or timed out",
                ureq::ErrorKind::TooManyRedirects => "too many redirects",
                ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => "malformed reply",
                ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => "invalid WECHAT_API_BASE",
                _ => "transport error",
            },
        };
        Err(WeChatError::Unreachable { endpoint, kind })
    }

    /// Exchanges a `wx.login()` code for the user's openid.
    pub fn code2session(&self, code: &str) -> Result<Session, WeChatError> {
        if self.cfg.dev_login {
            if let Some(name) = code.strip_prefix(DEV_PREFIX) {
                if name.is_empty() || name.len() > 64 {
                    return Err(WeChatError::InvalidCode);
                }
                return Ok(Session { openid: format!("dev-{name}"), unionid: None });
            }
        }
        self.configured()?;
        let url = format!("{}/sns/jscode2session", self.cfg.base_url.trim_end_matches('/'));
        let req = self
            .agent
            .get(&url)
            .query("appid", &self.cfg.appid)
            .query("secret", &self.cfg.secret)
            .query("js_code", code)
            .query("grant_type", "authorization_code");
        let reply: SessionReply = Self::reply("jscode2session", req.call())?;
        match (reply.errcode, reply.openid) {
            (0, Some(openid)) if !openid.is_empty() => Ok(Session { openid, unionid: reply.unionid }),
            (0, _) => Err(WeChatError::Api { errcode: 0, errmsg: "reply without openid".into() }),
            (code, _) => Err(WeChatError::from_code(code, reply.errmsg)),
        }
    }

    fn access_token(&self) -> Result<String, WeChatError> {
        if let Some((token, until)) = self.access_token.lock().unwrap_or_else(|p| p.into_inner()).clone() {
            if Instant::now() < until {
                return Ok(token);
            }
        }
        let url = format!("{}/cgi-bin/token", self.cfg.base_url.trim_end_matches('/'));
        let req = self
            .agent
            .get(&url)
            .query("grant_type", "client_credential")
            .query("appid", &self.cfg.appid)
            .query("secret", &self.cfg.secret);
        let reply: TokenReply = Self::reply("token", req.call())?;
        match reply.access_token {
            Some(token) if reply.errcode == 0 => {
                // Refresh five minutes early: WeChat tokens live 7200 s.
                let life = Duration::from_secs(reply.expires_in.saturating_sub(300).max(60));
                *self.access_token.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some((token.clone(), Instant::now() + life));
                Ok(token)
            }
            _ => Err(WeChatError::from_code(reply.errcode, reply.errmsg)),
        }
    }

    /// Exchanges a `getPhoneNumber` code for the user's verified mainland phone number.
    pub fn phone_number(&self, code: &str) -> Result<String, WeChatError> {
        if self.cfg.dev_login {
            if let Some(phone) = code.strip_prefix(DEV_PREFIX) {
                return Ok(phone.to_string());
            }
        }
        self.configured()?;
        let token = self.access_token()?;
        let url = format!("{}/wxa/business/getuserphonenumber", self.cfg.base_url.trim_end_matches('/'));
        let resp = self.agent.post(&url).query("access_token", &token).send_json(serde_json::json!({ "code": code }));
        let reply: PhoneReply = Self::reply("getuserphonenumber", resp)?;
        if reply.errcode != 0 {
            if matches!(reply.errcode, 40001 | 42001) {
                // The cached access token was revoked or expired early: drop it for the next call.
                *self.access_token.lock().unwrap_or_else(|p| p.into_inner()) = None;
            }
            return Err(WeChatError::from_code(reply.errcode, reply.errmsg));
        }
        match reply.phone_info {
            Some(p) if p.country_code.is_empty() || p.country_code == "86" => Ok(p.pure_phone_number),
            Some(_) => Err(WeChatError::Api { errcode: 0, errmsg: "only mainland numbers can be bound".into() }),
            None => Err(WeChatError::Api { errcode: 0, errmsg: "reply without phone_info".into() }),
        }
    }
}
