//! The WeChat mini-program API: `jscode2session` (login), `stable_token` (the access token),
//! `getuserphonenumber` (verified phone) and `subscribeMessage.send`. Blocking (ureq): callers
//! run it on a blocking thread. The base URL is configurable so tests talk to a local stub; the
//! app secret and session_key never leave this module. The access token is not kept here: every
//! server process shares one, stored in the database (`diandan_app::wechat_token`).

use serde::Deserialize;
use std::time::Duration;

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
    /// 40001 / 42001 / 40014: the access token was revoked or expired early.
    #[error("the WeChat access token is no longer valid ({0})")]
    TokenInvalid(i64),
    /// 43101: the user has not accepted (or has refused) this subscribe message.
    #[error("the user does not accept this message (43101)")]
    Refused,
    #[error("WeChat error {errcode}: {errmsg}")]
    Api { errcode: i64, errmsg: String },
}

impl WeChatError {
    /// WeChat certainly did not take the request: it said it is busy or limited, or no
    /// connection was made. (A timeout or a broken connection may have been taken.)
    pub fn not_taken(&self) -> bool {
        matches!(
            self,
            WeChatError::Busy
                | WeChatError::RateLimited
                | WeChatError::Api { errcode: 45009, .. }
                | WeChatError::Unreachable { kind: "connection failed" | "name not resolved", .. }
        )
    }

    pub(crate) fn from_code(errcode: i64, errmsg: String) -> WeChatError {
        match errcode {
            40029 => WeChatError::InvalidCode,
            40163 => WeChatError::CodeUsed,
            45011 => WeChatError::RateLimited,
            -1 => WeChatError::Busy,
            40226 => WeChatError::Blocked,
            40001 | 42001 | 40014 => WeChatError::TokenInvalid(errcode),
            43101 => WeChatError::Refused,
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
    pub(crate) cfg: WeChatConfig,
    pub(crate) agent: ureq::Agent,
}

#[derive(Deserialize)]
struct PlainReply {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

/// One subscribe message as WeChat takes it: `data` maps each template key to its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscribeMessage {
    pub openid: String,
    pub template_id: String,
    /// The mini-program page it opens, with its query.
    pub page: Option<String>,
    pub data: Vec<(String, String)>,
    /// `formal`, `trial` or `developer`: which version of the mini-program the page opens in.
    pub state: String,
}

pub const DEV_PREFIX: &str = "dev:";

impl WeChat {
    pub fn new(cfg: WeChatConfig) -> WeChat {
        let agent = ureq::AgentBuilder::new().timeout(cfg.timeout).build();
        WeChat { cfg, agent }
    }

    pub fn dev_login(&self) -> bool {
        self.cfg.dev_login
    }

    pub fn appid(&self) -> &str {
        &self.cfg.appid
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.cfg.base_url.trim_end_matches('/'))
    }

    pub(crate) fn configured(&self) -> Result<(), WeChatError> {
        if self.cfg.appid.is_empty() || self.cfg.secret.is_empty() {
            Err(WeChatError::NotConfigured)
        } else {
            Ok(())
        }
    }

    /// Reads a reply as JSON; a failure keeps only the endpoint and its kind (see `Unreachable`).
    pub(crate) fn reply<T: serde::de::DeserializeOwned>(
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
        let req = self
            .agent
            .get(&self.url("/sns/jscode2session"))
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

    /// A fresh access token from `stable_token` and its lifetime in seconds. `force_refresh`
    /// asks for a new one even if the current one is still valid (after a 40001): WeChat then
    /// keeps the old one valid for five more minutes, so other processes are not cut off.
    pub fn stable_token(&self, force_refresh: bool) -> Result<(String, u64), WeChatError> {
        self.configured()?;
        let body = serde_json::json!({
            "grant_type": "client_credential",
            "appid": self.cfg.appid,
            "secret": self.cfg.secret,
            "force_refresh": force_refresh,
        });
        let reply: TokenReply =
            Self::reply("stable_token", self.agent.post(&self.url("/cgi-bin/stable_token")).send_json(body))?;
        match reply.access_token {
            Some(token) if reply.errcode == 0 && !token.is_empty() => Ok((token, reply.expires_in)),
            _ => Err(WeChatError::from_code(reply.errcode, reply.errmsg)),
        }
    }

    /// The phone number of a development phone code (`dev:<phone>`), when development login is on.
    pub fn dev_phone(&self, code: &str) -> Option<String> {
        self.cfg.dev_login.then(|| code.strip_prefix(DEV_PREFIX).map(str::to_owned)).flatten()
    }

    /// Exchanges a `getPhoneNumber` code for the user's verified mainland phone number.
    pub fn phone_number(&self, token: &str, code: &str) -> Result<String, WeChatError> {
        self.configured()?;
        let resp = self
            .agent
            .post(&self.url("/wxa/business/getuserphonenumber"))
            .query("access_token", token)
            .send_json(serde_json::json!({ "code": code }));
        let reply: PhoneReply = Self::reply("getuserphonenumber", resp)?;
        if reply.errcode != 0 {
            return Err(WeChatError::from_code(reply.errcode, reply.errmsg));
        }
        match reply.phone_info {
            Some(p) if p.country_code.is_empty() || p.country_code == "86" => Ok(p.pure_phone_number),
            Some(_) => Err(WeChatError::Api { errcode: 0, errmsg: "only mainland numbers can be bound".into() }),
            None => Err(WeChatError::Api { errcode: 0, errmsg: "reply without phone_info".into() }),
        }
    }
}

impl WeChat {
    /// Sends one subscribe message (`subscribeMessage.send`).
    pub fn send_subscribe(&self, token: &str, m: &SubscribeMessage) -> Result<(), WeChatError> {
        self.configured()?;
        let data: serde_json::Map<String, serde_json::Value> =
            m.data.iter().map(|(k, v)| (k.clone(), serde_json::json!({ "value": v }))).collect();
        let mut body = serde_json::json!({
            "touser": m.openid,
            "template_id": m.template_id,
            "data": data,
            "miniprogram_state": m.state,
            "lang": "zh_CN",
        });
        if let Some(page) = &m.page {
            body["page"] = serde_json::Value::String(page.clone());
        }
        let resp =
            self.agent.post(&self.url("/cgi-bin/message/subscribe/send")).query("access_token", token).send_json(body);
        let reply: PlainReply = Self::reply("subscribe/send", resp)?;
        match reply.errcode {
            0 => Ok(()),
            code => Err(WeChatError::from_code(code, reply.errmsg)),
        }
    }
}
