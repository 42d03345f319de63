//! A local stand-in for the WeChat API (jscode2session, cgi-bin/token, getuserphonenumber).
//! Tests never reach the real host.
//!
//! Login codes: `ok-<name>` → openid `wx-<name>`; `invalid` → 40029; `used` → 40163;
//! `limited` → 45011; `busy` → -1; `blocked` → 40226. Phone codes: `phone-<11 digits>` → that
//! number; anything else → 40029.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub const APPID: &str = "wx-test-appid";
pub const SECRET: &str = "wx-test-secret";

pub struct WeChatStub {
    pub base_url: String,
    /// Every request line received ("GET /sns/jscode2session?...").
    pub requests: Arc<Mutex<Vec<String>>>,
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

fn phone_reply(target: &str, body: &str) -> Value {
    if query_param(target, "access_token").as_deref() != Some("stub-access-token") {
        return json!({ "errcode": 40001, "errmsg": "invalid credential" });
    }
    let code = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v["code"].as_str().map(str::to_owned))
        .unwrap_or_default();
    match code.strip_prefix("phone-") {
        Some(p) if p.len() == 11 => {
            json!({ "errcode": 0, "errmsg": "ok", "phone_info": { "phoneNumber": p, "purePhoneNumber": p, "countryCode": "86" } })
        }
        _ => json!({ "errcode": 40029, "errmsg": "invalid code" }),
    }
}

impl WeChatStub {
    pub fn start() -> WeChatStub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind stub");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    continue;
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
                let reply = match path {
                    "/sns/jscode2session" => login_reply(&target),
                    "/cgi-bin/token" => json!({ "access_token": "stub-access-token", "expires_in": 7200 }),
                    "/wxa/business/getuserphonenumber" => phone_reply(&target, &String::from_utf8_lossy(&body)),
                    _ => json!({ "errcode": 404, "errmsg": "unknown path" }),
                };
                let text = reply.to_string();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                    text.len()
                );
            }
        });
        WeChatStub { base_url, requests }
    }

    pub fn request_count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}
