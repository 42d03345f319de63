//! A blocking HTTP client for tests: every answer (2xx or not) comes back as a `Resp`.

use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub text: String,
    pub body: Value,
    /// The body as sent (for binary downloads).
    pub bytes: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The problem+json `code`, asserting the error shape on the way.
    pub fn code(&self) -> &str {
        assert!(
            self.content_type.starts_with("application/problem+json"),
            "expected problem+json, got {} {}: {}",
            self.status,
            self.content_type,
            self.text
        );
        assert_eq!(
            self.body["status"].as_u64(),
            Some(self.status as u64),
            "problem status mirrors HTTP status: {}",
            self.text
        );
        assert!(
            self.body["type"].as_str().is_some_and(|t| t.starts_with("urn:diandan:problem:")),
            "problem type: {}",
            self.text
        );
        self.body["code"].as_str().unwrap_or_default()
    }

    /// Asserts status and problem code together, with the body in the failure message.
    #[track_caller]
    pub fn expect_problem(&self, status: u16, code: &str) -> &Resp {
        assert_eq!(self.status, status, "expected {status} {code}, got: {}", self.text);
        assert_eq!(self.code(), code, "body: {}", self.text);
        self
    }

    #[track_caller]
    pub fn expect(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "expected {status}, got {}: {}", self.status, self.text);
        &self.body
    }
}

pub fn send(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Option<&[u8]>,
    headers: &[(&str, &str)],
) -> Resp {
    let mut req = agent.request(method, url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    if let Some(ct) = content_type {
        req = req.set("Content-Type", ct);
    }
    for (k, v) in headers {
        req = req.set(k, v);
    }
    let result = match body {
        Some(b) => req.send_bytes(b),
        None => req.call(),
    };
    let resp = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: transport error {e}"),
    };
    let status = resp.status();
    let content_type = resp.header("content-type").unwrap_or("").to_string();
    let headers =
        resp.headers_names().into_iter().map(|n| (n.clone(), resp.header(&n).unwrap_or("").to_string())).collect();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut resp.into_reader(), &mut bytes)
        .unwrap_or_else(|e| panic!("{method} {url}: reading the body: {e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let body = serde_json::from_str(&text).unwrap_or(Value::Null);
    Resp { status, content_type, headers, text, body, bytes }
}
