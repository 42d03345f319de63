//! Driving the real `diandan` binary as a separate process (for crash, outage and several-instance
//! tests): start it against a database, call it, and set up a consultation with verified owners.

use diandan_testkit::TestDb;
use serde_json::{json, Value};
use std::process::{Child, Command};
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

/// Starts the server for `url` on a new port (the data directory holds nothing the tests need
/// but the server's log).
pub fn start_with(url: &str, dir: &std::path::Path) -> (Child, String) {
    start_with_env(url, dir, &[])
}

/// As [`start_with`], with `env` set after (and so overriding) the defaults below. What the
/// server prints (warnings and errors) goes to [`server_log`].
pub fn start_with_env(url: &str, dir: &std::path::Path, env: &[(&str, &str)]) -> (Child, String) {
    let port = free_port();
    let log = std::fs::File::create(log_path(dir, port)).expect("server log");
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
        // Owners here revise as fast as they can from one address: not what the write limit is for.
        .env("DIANDAN_WRITES_PER_USER", "100000000")
        .env("DIANDAN_WRITES_PER_ADDRESS", "100000000")
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(log.try_clone().expect("server log"))
        .stderr(log)
        .spawn()
        .expect("start diandan");
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base);
    (child, base)
}

fn log_path(dir: &std::path::Path, port: u16) -> std::path::PathBuf {
    dir.join(format!("diandan-{port}.log"))
}

/// What the server started in `dir` at `base` has printed so far.
pub fn server_log(dir: &std::path::Path, base: &str) -> String {
    let port = base.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a base URL with a port");
    std::fs::read_to_string(log_path(dir, port)).expect("server log")
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

/// The bootstrap admin's token.
pub fn admin_token(agent: &ureq::Agent, api: &str) -> String {
    let body = json!({ "username": "admin", "password": ADMIN_PASSWORD });
    ok(agent, "POST", &format!("{api}/auth/login"), None, Some(body), 200)["access_token"].as_str().unwrap().to_string()
}

/// A new district's id.
pub fn district(agent: &ureq::Agent, api: &str, admin: &str, name: &str) -> String {
    ok(agent, "POST", &format!("{api}/districts"), Some(admin), Some(json!({ "name": name })), 201)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A community of `district` holding the `OWNERS` dwellings of [`roster`]; its id and dwellings.
pub fn community_with_roster(
    agent: &ureq::Agent,
    api: &str,
    admin: &str,
    district: &str,
    name: &str,
) -> (String, Vec<Value>) {
    let community = ok(
        agent,
        "POST",
        &format!("{api}/communities"),
        Some(admin),
        Some(json!({ "district_id": district, "name": name, "address": "路1号" })),
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
    let dwellings =
        ok(agent, "GET", &format!("{api}/communities/{community}/dwellings?limit=100"), Some(admin), None, 200);
    (community, dwellings["items"].as_array().unwrap().clone())
}

/// The owner of `dwelling` (a row of [`roster`]) logged in by WeChat, with the roster's phone
/// verified, bound to it (approved at once, the phone matching); their token.
pub fn verified_owner(agent: &ureq::Agent, api: &str, dwelling: &Value) -> String {
    let key = dwelling["owner_key"].as_str().unwrap();
    let i: usize = key[1..].parse().unwrap();
    let login =
        ok(agent, "POST", &format!("{api}/auth/wechat"), None, Some(json!({ "code": format!("dev:{key}") })), 200);
    let token = login["access_token"].as_str().unwrap().to_string();
    let phone = json!({ "code": format!("dev:1390000{i:04}") });
    ok(agent, "POST", &format!("{api}/me/phone"), Some(&token), Some(phone), 200);
    let bound = ok(
        agent,
        "POST",
        &format!("{api}/bindings"),
        Some(&token),
        Some(json!({ "dwelling_id": dwelling["id"], "relation": "owner" })),
        201,
    );
    assert_eq!(bound["status"], "approved");
    token
}

pub fn setup_vote(agent: &ureq::Agent, base0: &str) -> Vote {
    let api = format!("{base0}/api/v1");
    let admin = admin_token(agent, &api);
    let district = district(agent, &api, &admin, "崩溃街道");
    let (community, dwellings) = community_with_roster(agent, &api, &admin, &district, "崩溃小区");
    let owners: Vec<String> = dwellings.iter().map(|d| verified_owner(agent, &api, d)).collect();
    let now = chrono::Utc::now();
    let window = (now + chrono::Duration::seconds(2), now + chrono::Duration::hours(1));
    let (cid, items) = announced(agent, &api, &admin, &community, &["water_supply", "elevator"], window);
    ok(agent, "POST", &format!("{api}/consultations/{cid}/open"), Some(&admin), Some(json!({})), 200);

    Vote { admin, cid, items, owners }
}

/// A consultation of `community` with the catalogue items `codes` on its menu, announced with
/// the voting `window` (no announcement period, no objection period: once closed it can be
/// reviewed at once); its id and item ids.
pub fn announced(
    agent: &ureq::Agent,
    api: &str,
    admin: &str,
    community: &str,
    codes: &[&str],
    (opens, closes): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
) -> (String, Vec<String>) {
    let (opens, closes) = (diandan_domain::time::canonical(opens), diandan_domain::time::canonical(closes));
    let fields =
        json!({ "title": "改造征询", "announce_days": 0, "objection_days": 0, "opens_at": opens, "closes_at": closes });
    let url = format!("{api}/communities/{community}/consultations");
    let cid = ok(agent, "POST", &url, Some(admin), Some(fields), 201)["id"].as_str().unwrap().to_string();
    let items = codes
        .iter()
        .map(|code| {
            let url = format!("{api}/consultations/{cid}/items");
            ok(agent, "POST", &url, Some(admin), Some(json!({ "code": code })), 201)["id"].as_str().unwrap().to_string()
        })
        .collect();
    ok(agent, "POST", &format!("{api}/consultations/{cid}/announce"), Some(admin), Some(json!({})), 200);
    (cid, items)
}

/// Asserts that the running tally of `cid` equals a recount of its stored ballots; returns the
/// cells, shards summed.
pub fn tally_equals_recount(db: &TestDb, cid: &str) -> Vec<diandan_store::ballots::CellRow> {
    let (cells, recount) = db
        .open()
        .read(|c| {
            let items = diandan_store::consultations::items(c, cid)?;
            let recount = diandan_app::ballots::voting::recount(c, cid, &items)?;
            Ok::<_, diandan_app::Error>((diandan_store::ballots::cells(c, cid)?, recount))
        })
        .unwrap();
    for cell in &cells {
        let expected = recount.get(&(cell.item_id.clone(), cell.scope_key.clone())).cloned().unwrap_or_default();
        assert_eq!(
            (
                cell.support_area,
                cell.support_heads,
                cell.oppose_area,
                cell.oppose_heads,
                cell.abstain_area,
                cell.abstain_heads
            ),
            (
                expected.support.area,
                expected.support.heads,
                expected.oppose.area,
                expected.oppose.heads,
                expected.abstain.area,
                expected.abstain.heads
            ),
            "cell {} / {}",
            cell.item_id,
            cell.scope_key
        );
    }
    cells
}
