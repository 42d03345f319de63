//! A local stand-in for the WeChat API (jscode2session, cgi-bin/stable_token,
//! getuserphonenumber, subscribeMessage.send). Tests never reach the real host.
//!
//! Login codes: `ok-<name>` → openid `wx-<name>`; `invalid` → 40029; `used` → 40163;
//! `limited` → 45011; `busy` → -1; `blocked` → 40226. Phone codes: `phone-<11 digits>` → that
//! number; anything else → 40029. Access tokens: `stub-token-<generation>`; only the current
//! generation is accepted (40001 otherwise); [`WeChatStub::revoke_token`] starts a new one, as
//! does `force_refresh`. Subscribe messages to an openid holding `refuse` → 43101, `busy` → -1,
//! `slow` → answered after 20 s; every other one is delivered and recorded.
//!
//! Content checks (`msg_sec_check` v2): a text holding `RISKY` → risky (label 20001), `REVIEW` →
//! review (20006), from an openid holding `busy` → -1; else pass. `media_check_async` answers
//! `trace-<n>` and records the request; the verdict is pushed by the test itself (as WeChat
//! would, later), signed with [`PUSH_TOKEN`].

use diandan_domain::message::{MessageKind, Template, Templates};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

pub const APPID: &str = "wx-test-appid";
pub const SECRET: &str = "wx-test-secret";
/// The message-push token of the test configuration.
pub const PUSH_TOKEN: &str = "wx-test-push-token";

/// The template id the test configuration gives `kind`.
pub fn template_id(kind: MessageKind) -> String {
    format!("TPL-{}", kind.as_str().to_uppercase())
}

/// Templates for every kind: `thing1` the title (or name), `time2` the closing time, `thing3` a note.
pub fn templates() -> Templates {
    let mut out = BTreeMap::new();
    for kind in MessageKind::ALL {
        let (title, time) = match kind {
            MessageKind::ClaimDecided => ("dwelling", "decided_at"),
            MessageKind::ComplaintUpdate => ("status", "at"),
            MessageKind::RatingOpened => ("name", "closes_at"),
            MessageKind::ResultPublished => ("title", "published_at"),
            _ => ("title", "closes_at"),
        };
        let object = match kind {
            MessageKind::ClaimDecided => "binding_id",
            MessageKind::ComplaintUpdate => "complaint_id",
            MessageKind::RatingOpened => "period_id",
            _ => "consultation_id",
        };
        let note = match kind {
            MessageKind::ClaimDecided => "result",
            MessageKind::ResultPublished => "result",
            _ => "note",
        };
        out.insert(
            *kind,
            Template {
                template_id: template_id(*kind),
                page: Some(format!("pages/{}/index?id={{{object}}}", kind.as_str())),
                fields: BTreeMap::from([
                    ("thing1".to_string(), title.to_string()),
                    ("time2".to_string(), time.to_string()),
                    ("thing3".to_string(), note.to_string()),
                ]),
            },
        );
    }
    Templates(out)
}

#[derive(Default)]
struct State {
    generation: u32,
    token_fetches: usize,
    forced_fetches: usize,
    sends: Vec<Value>,
    checks: Vec<Value>,
    media_checks: Vec<Value>,
}

pub struct WeChatStub {
    pub base_url: String,
    /// Every request line received ("GET /sns/jscode2session?...").
    pub requests: Arc<Mutex<Vec<String>>>,
    state: Arc<Mutex<State>>,
}

fn query_param(target: &str, name: &str) -> Option<String> {
    let q = target.split_once('?')?.1;
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

fn login_reply(target: &str) -> Value {
    if query_param(target, "appid").as_deref() != Some(APPID)
        || query_param(target, "secret").as_deref() != Some(SECRET)
    {
        return json!({ "errcode": 40013, "errmsg": "invalid appid" });
    }
    let code = query_param(target, "js_code").unwrap_or_default();
    match code.as_str() {
        "invalid" => json!({ "errcode": 40029, "errmsg": "invalid code" }),
        "used" => json!({ "errcode": 40163, "errmsg": "code been used" }),
        "limited" => json!({ "errcode": 45011, "errmsg": "api minute-quota reach limit" }),
        "busy" => json!({ "errcode": -1, "errmsg": "system error" }),
        "blocked" => json!({ "errcode": 40226, "errmsg": "high risk user" }),
        c if c.starts_with("ok-") => {
            json!({ "openid": format!("wx-{}", &c[3..]), "session_key": "SECRET-SESSION-KEY" })
        }
        _ => json!({ "errcode": 40029, "errmsg": "invalid code" }),
    }
}

fn token(generation: u32) -> String {
    format!("stub-token-{generation}")
}

fn handle(state: &Mutex<State>, path: &str, target: &str, body: &Value) -> Value {
    let valid_token = || query_param(target, "access_token") == Some(token(state.lock().unwrap().generation));
    match path {
        "/sns/jscode2session" => login_reply(target),
        "/cgi-bin/stable_token" => {
            if body["appid"] != APPID || body["secret"] != SECRET || body["grant_type"] != "client_credential" {
                return json!({ "errcode": 40013, "errmsg": "invalid appid" });
            }
            let mut s = state.lock().unwrap();
            s.token_fetches += 1;
            if body["force_refresh"] == true {
                s.forced_fetches += 1;
                s.generation += 1;
            }
            json!({ "access_token": token(s.generation), "expires_in": 7200 })
        }
        "/wxa/business/getuserphonenumber" => {
            if !valid_token() {
                return json!({ "errcode": 40001, "errmsg": "invalid credential" });
            }
            match body["code"].as_str().and_then(|c| c.strip_prefix("phone-")) {
                Some(p) if p.len() == 11 => json!({
                    "errcode": 0, "errmsg": "ok",
                    "phone_info": { "phoneNumber": p, "purePhoneNumber": p, "countryCode": "86" }
                }),
                _ => json!({ "errcode": 40029, "errmsg": "invalid code" }),
            }
        }
        "/cgi-bin/message/subscribe/send" => {
            if !valid_token() {
                return json!({ "errcode": 40001, "errmsg": "invalid credential" });
            }
            let to = body["touser"].as_str().unwrap_or_default().to_string();
            state.lock().unwrap().sends.push(body.clone());
            if to.contains("refuse") {
                json!({ "errcode": 43101, "errmsg": "user refuse to accept the msg" })
            } else if to.contains("busy") {
                json!({ "errcode": -1, "errmsg": "system error" })
            } else {
                if to.contains("slow") {
                    std::thread::sleep(std::time::Duration::from_secs(20));
                }
                json!({ "errcode": 0, "errmsg": "ok" })
            }
        }
        "/wxa/msg_sec_check" => {
            if !valid_token() {
                return json!({ "errcode": 40001, "errmsg": "invalid credential" });
            }
            state.lock().unwrap().checks.push(body.clone());
            let content = body["content"].as_str().unwrap_or_default();
            if body["version"] != 2 || body["openid"].as_str().is_none_or(str::is_empty) {
                return json!({ "errcode": 40003, "errmsg": "invalid openid" });
            }
            if body["openid"].as_str().unwrap_or_default().contains("busy") {
                return json!({ "errcode": -1, "errmsg": "system error" });
            }
            let (suggest, label) = if content.contains("RISKY") {
                ("risky", 20001)
            } else if content.contains("REVIEW") {
                ("review", 20006)
            } else {
                ("pass", 100)
            };
            json!({ "errcode": 0, "errmsg": "ok", "trace_id": "t", "result": { "suggest": suggest, "label": label } })
        }
        "/wxa/media_check_async" => {
            if !valid_token() {
                return json!({ "errcode": 40001, "errmsg": "invalid credential" });
            }
            let mut s = state.lock().unwrap();
            s.media_checks.push(body.clone());
            json!({ "errcode": 0, "errmsg": "ok", "trace_id": format!("trace-{}", s.media_checks.len()) })
        }
        _ => json!({ "errcode": 404, "errmsg": "unknown path" }),
    }
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<String>>, state: &Mutex<State>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.trim().eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    let _ = reader.read_exact(&mut body);
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("").to_string());
    log.lock().unwrap().push(format!("{method} {target}"));
    let path = target.split('?').next().unwrap_or("");
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let text = handle(state, path, &target, &body).to_string();
    let _ = write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
}

impl WeChatStub {
    pub fn start() -> WeChatStub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind stub");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let state = Arc::new(Mutex::new(State::default()));
        let (log, st) = (requests.clone(), state.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (log, st) = (log.clone(), st.clone());
                // A thread a connection: a slow answer must not hold up the others.
                std::thread::spawn(move || serve(stream, &log, &st));
            }
        });
        WeChatStub { base_url, requests, state }
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// Starts a new token generation: the token in use is refused with 40001 from now on.
    pub fn revoke_token(&self) {
        self.state.lock().unwrap().generation += 1;
    }

    /// `stable_token` calls so far, and how many of them forced a refresh.
    pub fn token_fetches(&self) -> (usize, usize) {
        let s = self.state.lock().unwrap();
        (s.token_fetches, s.forced_fetches)
    }

    /// The bodies of every `msg_sec_check` received.
    pub fn checks(&self) -> Vec<Value> {
        self.state.lock().unwrap().checks.clone()
    }

    /// The bodies of every `media_check_async` received (trace `trace-<position + 1>`).
    pub fn media_checks(&self) -> Vec<Value> {
        self.state.lock().unwrap().media_checks.clone()
    }

    /// The bodies of every `subscribeMessage.send` received.
    pub fn sends(&self) -> Vec<Value> {
        self.state.lock().unwrap().sends.clone()
    }
}
