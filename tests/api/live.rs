//! Driving the real `diandan` binary as a separate process (for crash and outage tests): start
//! it against a database, call it, and set up a consultation with verified owners.

use diandan_testkit::TestDb;
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "crash-admin-password";
pub const JWT_SECRET: &str = "crash-test-jwt-secret-0123456789abcdef";
pub const OWNERS: usize = 16;

/// A server process that is killed when the test ends, even when it fails.
pub struct Reaper(pub Child);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts the server on a new port and waits until it answers; returns it with its base URL.
pub fn start(db: &TestDb) -> (Child, String) {
    start_with(&db.url, &db.dir)
}

/// Starts the server for `url` on a new port (the data directory holds nothing the tests need).
pub fn start_with(url: &str, dir: &std::path::Path) -> (Child, String) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_diandan"))
        .arg("serve")
        .env("DATABASE_URL", url)
        .env("DIANDAN_DATA_DIR", dir)
        .env("DIANDAN_DB_POOL", "4")
        .env("DIANDAN_ADDR", format!("127.0.0.1:{port}"))
        .env("DIANDAN_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("DIANDAN_JWT_SECRET", JWT_SECRET)
        .env("DIANDAN_DEV_LOGIN", "1")
        .env("DIANDAN_SCHEDULER_SECS", "3600")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start diandan");
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base);
    (child, base)
}

/// Waits until the server at `base` answers `/readyz` (30 s at most).
pub fn wait_ready(base: &str) {
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
    let t0 = Instant::now();
    while agent.get(&format!("{base}/readyz")).call().is_err() {
        assert!(t0.elapsed() < Duration::from_secs(30), "diandan did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

pub fn call(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
    headers: &[(&str, &str)],
) -> Result<(u16, Value), String> {
    let mut r = agent.request(method, url);
    if let Some(t) = token {
        r = r.set("Authorization", &format!("Bearer {t}"));
    }
    for (k, v) in headers {
        r = r.set(k, v);
    }
    let result = match body {
        Some(b) => r.send_json(b),
        None => r.call(),
    };
    match result {
        Ok(resp) => Ok((resp.status(), resp.into_json().unwrap_or(Value::Null))),
        Err(ureq::Error::Status(s, resp)) => Ok((s, resp.into_json().unwrap_or(Value::Null))),
        Err(e) => Err(e.to_string()),
    }
}

pub fn ok(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<Value>,
    status: u16,
) -> Value {
    let (s, v) = call(agent, method, url, token, body, &[]).unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    assert_eq!(s, status, "{method} {url}: {v}");
    v
}

pub fn roster() -> String {
    let mut s = String::from("building,unit,room,floor,area,owner_key,owner_name,phone,developer\n");
    for i in 1..=OWNERS {
        let unit = if i <= OWNERS / 2 { 1 } else { 2 };
        s.push_str(&format!("1号楼,{unit}单元,{i:03},1,{}.50,C{i},业主{i},1390000{i:04},否\n", 50 + i));
    }
    s
}

/// A consultation open for voting in a community of `OWNERS` verified owners (two units), with
/// two items; the admin runs it.
pub struct Vote {
    pub admin: String,
    pub cid: String,
    pub items: Vec<String>,
    pub owners: Vec<String>,
}

pub fn setup_vote(agent: &ureq::Agent, base0: &str) -> Vote {
    let api = format!("{base0}/api/v1");
    let admin = ok(
        &agent,
        "POST",
        &format!("{api}/auth/login"),
        None,
        Some(json!({ "username": "admin", "password": ADMIN_PASSWORD })),
        200,
    )["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let auth = Some(admin.as_str());
    let district = ok(&agent, "POST", &format!("{api}/districts"), auth, Some(json!({ "name": "崩溃街道" })), 201)
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let community = ok(
        &agent,
        "POST",
        &format!("{api}/communities"),
        auth,
        Some(json!({ "district_id": district, "name": "崩溃小区", "address": "路1号" })),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let imported = agent
        .post(&format!("{api}/communities/{community}/roster"))
        .set("Authorization", &format!("Bearer {admin}"))
        .set("Content-Type", "text/csv")
        .send_string(&roster())
        .expect("roster");
    assert_eq!(imported.status(), 200);
    let dwellings = ok(&agent, "GET", &format!("{api}/communities/{community}/dwellings?limit=100"), auth, None, 200);
    let mut owners: Vec<String> = Vec::new();
    for d in dwellings["items"].as_array().unwrap() {
        let key = d["owner_key"].as_str().unwrap();
        let i: usize = key[1..].parse().unwrap();
        let login =
            ok(&agent, "POST", &format!("{api}/auth/wechat"), None, Some(json!({ "code": format!("dev:{key}") })), 200);
        let token = login["access_token"].as_str().unwrap().to_string();
        ok(
            &agent,
            "POST",
            &format!("{api}/me/phone"),
            Some(&token),
            Some(json!({ "code": format!("dev:1390000{i:04}") })),
            200,
        );
        let bound = ok(
            &agent,
            "POST",
            &format!("{api}/bindings"),
            Some(&token),
            Some(json!({ "dwelling_id": d["id"], "relation": "owner" })),
            201,
        );
        assert_eq!(bound["status"], "approved");
        owners.push(token);
    }
    let opens = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(2));
    let closes = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::hours(1));
    let cid = ok(
        &agent,
        "POST",
        &format!("{api}/communities/{community}/consultations"),
        auth,
        Some(json!({ "title": "崩溃测试", "announce_days": 0, "opens_at": opens, "closes_at": closes })),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut items = Vec::new();
    for code in ["water_supply", "elevator"] {
        items.push(
            ok(&agent, "POST", &format!("{api}/consultations/{cid}/items"), auth, Some(json!({ "code": code })), 201)
                ["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    ok(&agent, "POST", &format!("{api}/consultations/{cid}/announce"), auth, Some(json!({})), 200);
    ok(&agent, "POST", &format!("{api}/consultations/{cid}/open"), auth, Some(json!({})), 200);

    Vote { admin, cid, items, owners }
}
