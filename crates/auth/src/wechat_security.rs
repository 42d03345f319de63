//! WeChat's content security: `msg_sec_check` (version 2) judges a text a user wrote, at once;
//! `media_check_async` judges a picture later and pushes its verdict to the message-push
//! endpoint, which proves it is WeChat's by a SHA-1 signature over the configured token.

use crate::wechat::{WeChat, WeChatError};
use serde::Deserialize;
use sha1::{Digest, Sha1};

/// Where a text is shown (WeChat's `scene`): it judges a profile name differently from a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    /// 资料: a display name.
    Profile = 1,
    /// 评论: a comment on something (a ballot, a work order, a rating).
    Comment = 2,
    /// 论坛: a post others read (a work order's description, an objection).
    Forum = 3,
}

/// WeChat's suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suggest {
    Pass,
    /// Unsure: a person should look.
    Review,
    Risky,
}

impl Suggest {
    pub fn parse(s: &str) -> Option<Suggest> {
        match s {
            "pass" => Some(Suggest::Pass),
            "review" => Some(Suggest::Review),
            "risky" => Some(Suggest::Risky),
            _ => None,
        }
    }
}

/// A verdict and WeChat's label for it (100 normal, 20001 politics, 20002 porn, 20006 crime…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub suggest: Suggest,
    pub label: i64,
}

#[derive(Deserialize)]
struct ResultPart {
    suggest: String,
    #[serde(default)]
    label: i64,
}

#[derive(Deserialize)]
struct CheckReply {
    #[serde(default)]
    errcode: i64,
    #[serde(default)]
    errmsg: String,
    result: Option<ResultPart>,
    trace_id: Option<String>,
}

/// What a push about a picture says (the JSON body of `wxa_media_check`).
#[derive(Debug, Deserialize)]
pub struct MediaPush {
    #[serde(rename = "Event", default)]
    pub event: String,
    #[serde(default)]
    pub trace_id: String,
    #[serde(default)]
    pub errcode: i64,
    pub result: Option<PushResult>,
}

#[derive(Debug, Deserialize)]
pub struct PushResult {
    pub suggest: String,
    #[serde(default)]
    pub label: i64,
}

impl MediaPush {
    /// The verdict, when the push is a picture check that WeChat completed.
    pub fn verdict(&self) -> Option<Verdict> {
        let r = self.result.as_ref().filter(|_| self.event == "wxa_media_check" && self.errcode == 0)?;
        Some(Verdict { suggest: Suggest::parse(&r.suggest)?, label: r.label })
    }
}

impl WeChat {
    /// Whether content checks can be made at all (WeChat is configured).
    pub fn checks_anything(&self) -> bool {
        self.configured().is_ok()
    }

    /// Whether texts and pictures of `openid` can be checked: WeChat is configured and the
    /// user is a real WeChat user (development logins are not).
    pub fn checks(&self, openid: &str) -> bool {
        self.checks_anything() && !openid.is_empty() && !openid.starts_with("dev-")
    }

    /// Judges `content` written by `openid` for `scene`.
    pub fn msg_sec_check(
        &self,
        token: &str,
        openid: &str,
        scene: Scene,
        content: &str,
    ) -> Result<Verdict, WeChatError> {
        self.configured()?;
        let body = serde_json::json!({ "content": content, "version": 2, "scene": scene as i32, "openid": openid });
        let resp = self.agent.post(&self.url("/wxa/msg_sec_check")).query("access_token", token).send_json(body);
        let reply: CheckReply = Self::reply("msg_sec_check", resp)?;
        if reply.errcode != 0 {
            return Err(WeChatError::from_code(reply.errcode, reply.errmsg));
        }
        let r = reply.result.ok_or(WeChatError::Api { errcode: 0, errmsg: "reply without result".into() })?;
        let suggest = Suggest::parse(&r.suggest)
            .ok_or(WeChatError::Api { errcode: 0, errmsg: format!("unknown suggest {}", r.suggest) })?;
        Ok(Verdict { suggest, label: r.label })
    }

    /// Asks WeChat to judge the picture at `media_url` (which WeChat fetches); answers the
    /// trace id its push will carry.
    pub fn media_check_async(
        &self,
        token: &str,
        openid: &str,
        scene: Scene,
        media_url: &str,
    ) -> Result<String, WeChatError> {
        self.configured()?;
        let body = serde_json::json!({
            "media_url": media_url, "media_type": 2, "version": 2, "scene": scene as i32, "openid": openid,
        });
        let resp = self.agent.post(&self.url("/wxa/media_check_async")).query("access_token", token).send_json(body);
        let reply: CheckReply = Self::reply("media_check_async", resp)?;
        match (reply.errcode, reply.trace_id) {
            (0, Some(t)) if !t.is_empty() => Ok(t),
            (0, _) => Err(WeChatError::Api { errcode: 0, errmsg: "reply without trace_id".into() }),
            (code, _) => Err(WeChatError::from_code(code, reply.errmsg)),
        }
    }
}

/// Whether a push (or the URL check WeChat makes when the endpoint is configured) carries the
/// signature of `token`: SHA-1 of token, timestamp and nonce sorted and joined.
pub fn push_signature_ok(token: &str, timestamp: &str, nonce: &str, signature: &str) -> bool {
    if token.is_empty() {
        return false;
    }
    let mut parts = [token, timestamp, nonce];
    parts.sort_unstable();
    let digest = hex::encode(Sha1::digest(parts.concat().as_bytes()));
    let given = signature.to_ascii_lowercase();
    // In constant time: the expected digest is derived from the token.
    digest.len() == given.len() && digest.bytes().zip(given.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_push_signature_is_sha1_of_the_sorted_parts() {
        // sha1("1700000000nonce1token-abc"), computed with Python's hashlib.
        let sig = "fb09a490287aba1d2a2a0a7b0bb013ea148bc5fa";
        assert!(push_signature_ok("token-abc", "1700000000", "nonce1", sig));
        assert!(!push_signature_ok("token-abd", "1700000000", "nonce1", sig));
        assert!(!push_signature_ok("", "1700000000", "nonce1", sig));
    }

    #[test]
    fn a_push_gives_a_verdict_only_for_a_completed_media_check() {
        let p: MediaPush = serde_json::from_str(
            r#"{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"event","Event":"wxa_media_check",
                "appid":"wx1","trace_id":"t-1","version":2,"errcode":0,"errmsg":"ok","result":{"suggest":"risky","label":20002}}"#,
        )
        .unwrap();
        assert_eq!(p.verdict(), Some(Verdict { suggest: Suggest::Risky, label: 20002 }));
        let other: MediaPush = serde_json::from_str(r#"{"Event":"subscribe_msg_popup_event"}"#).unwrap();
        assert_eq!(other.verdict(), None);
    }
}
