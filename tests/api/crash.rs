//! Crashes: the real `diandan` binary is killed with SIGKILL several times while owners are
//! casting ballots, and restarted. Every ballot that got a 2xx answer must be stored, on the
//! bulletin and in the count; the running tally must equal a recount of the stored ballots; the
//! audit chain must verify.

use diandan_testkit::{backend_tests, Backend, TestDb};
use serde_json::{json, Value};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

const ADMIN_PASSWORD: &str = "crash-admin-password";
const JWT_SECRET: &str = "crash-test-jwt-secret-0123456789abcdef";
const OWNERS: usize = 16;
const KILLS: usize = 3;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts the server on a new port and waits until it answers; returns it with its base URL.
fn start(db: &TestDb) -> (Child, String) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_diandan"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("DIANDAN_DATA_DIR", &db.dir)
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
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
    let t0 = Instant::now();
    while agent.get(&format!("{base}/readyz")).call().is_err() {
        assert!(t0.elapsed() < Duration::from_secs(30), "diandan did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    (child, base)
}

fn call(
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

fn ok(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, body: Option<Value>, status: u16) -> Value {
    let (s, v) = call(agent, method, url, token, body, &[]).unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    assert_eq!(s, status, "{method} {url}: {v}");
    v
}

fn roster() -> String {
    let mut s = String::from("building,unit,room,floor,area,owner_key,owner_name,phone,developer\n");
    for i in 1..=OWNERS {
        let unit = if i <= OWNERS / 2 { 1 } else { 2 };
        s.push_str(&format!("1号楼,{unit}单元,{i:03},1,{}.50,C{i},业主{i},1390000{i:04},否\n", 50 + i));
    }
    s
}

struct Ack {
    owner: usize,
    receipt: String,
}

fn acknowledged_ballots_survive_sigkill(b: Backend) {
    let Some(db) = TestDb::create(b) else { return };
    let (mut child, base0) = start(&db);
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build();
    let api = format!("{base0}/api/v1");
    let admin =
        ok(&agent, "POST", &format!("{api}/auth/login"), None, Some(json!({ "username": "admin", "password": ADMIN_PASSWORD })), 200)
            ["access_token"]
            .as_str()
            .unwrap()
            .to_string();
    let auth = Some(admin.as_str());
    let district =
        ok(&agent, "POST", &format!("{api}/districts"), auth, Some(json!({ "name": "崩溃街道" })), 201)["id"].as_str().unwrap().to_string();
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
        let login = ok(&agent, "POST", &format!("{api}/auth/wechat"), None, Some(json!({ "code": format!("dev:{key}") })), 200);
        let token = login["access_token"].as_str().unwrap().to_string();
        ok(&agent, "POST", &format!("{api}/me/phone"), Some(&token), Some(json!({ "code": format!("dev:1390000{i:04}") })), 200);
        let bound =
            ok(&agent, "POST", &format!("{api}/bindings"), Some(&token), Some(json!({ "dwelling_id": d["id"], "relation": "owner" })), 201);
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
            ok(&agent, "POST", &format!("{api}/consultations/{cid}/items"), auth, Some(json!({ "code": code })), 201)["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    ok(&agent, "POST", &format!("{api}/consultations/{cid}/announce"), auth, Some(json!({})), 200);
    ok(&agent, "POST", &format!("{api}/consultations/{cid}/open"), auth, Some(json!({})), 200);

    // Owners vote and revise from 8 threads while the server is killed and restarted.
    let base = RwLock::new(base0);
    let stop = AtomicBool::new(false);
    let sent = AtomicUsize::new(0);
    let acks: Mutex<Vec<Ack>> = Mutex::new(Vec::new());
    let mut kills = 0;
    std::thread::scope(|s| {
        for t in 0..8 {
            let (base, stop, sent, acks, owners, items, cid) = (&base, &stop, &sent, &acks, &owners, &items, &cid);
            s.spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let owner = t * 2 + n % 2;
                    n += 1;
                    let choice = ["support", "oppose", "abstain"][(n + t) % 3];
                    let body = json!({ "choices": { &items[0]: { "choice": choice }, &items[1]: { "choice": "support" } } });
                    let url = format!("{}/api/v1/consultations/{cid}/ballot", base.read().unwrap());
                    let key = format!("t{t}-n{n}");
                    sent.fetch_add(1, Ordering::Relaxed);
                    match call(&agent, "POST", &url, Some(&owners[owner]), Some(body), &[("Idempotency-Key", &key)]) {
                        Ok((201, v)) => acks.lock().unwrap().push(Ack { owner, receipt: v["receipt"].as_str().unwrap().to_string() }),
                        Ok((s, v)) => panic!("ballot answered {s}: {v}"),
                        Err(_) => std::thread::sleep(Duration::from_millis(20)), // the server is down
                    }
                }
            });
        }
        for _ in 0..KILLS {
            std::thread::sleep(Duration::from_millis(600));
            child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
            child.wait().expect("reap");
            kills += 1;
            let (next, url) = start(&db);
            child = next;
            *base.write().unwrap() = url;
        }
        std::thread::sleep(Duration::from_millis(600));
        stop.store(true, Ordering::Relaxed);
    });
    let acks = acks.into_inner().unwrap();
    eprintln!("{kills} SIGKILLs; {} ballots sent, {} acknowledged", sent.load(Ordering::Relaxed), acks.len());
    assert_eq!(kills, KILLS);
    assert!(acks.len() >= 40, "too few acknowledged ballots to prove anything: {} of {}", acks.len(), sent.load(Ordering::Relaxed));

    // Every acknowledged ballot is stored, counted as its owner's latest, and on the bulletin.
    let api = format!("{}/api/v1", base.read().unwrap());
    let mut lost = Vec::new();
    for (i, token) in owners.iter().enumerate() {
        let mine: Vec<&Ack> = acks.iter().filter(|a| a.owner == i).collect();
        if mine.is_empty() {
            continue;
        }
        let ballot = ok(&agent, "GET", &format!("{api}/consultations/{cid}/ballot"), Some(token), None, 200);
        let versions = ballot["versions"].as_array().unwrap();
        for a in &mine {
            if !versions.iter().any(|v| v["receipt"] == a.receipt.as_str()) {
                lost.push(a.receipt.clone());
            }
        }
        let latest = versions.iter().max_by_key(|v| v["version"].as_i64().unwrap()).unwrap();
        assert_eq!(latest["status"], "counted", "owner {i}: the latest version counts: {ballot}");
        assert_eq!(versions.iter().filter(|v| v["status"] == "counted").count(), 1, "owner {i}: one counting version");
    }
    assert!(lost.is_empty(), "acknowledged ballots lost after {KILLS} SIGKILLs: {lost:?}");
    for a in acks.iter().step_by(7) {
        ok(&agent, "GET", &format!("{api}/consultations/{cid}/bulletin/{}", a.receipt), Some(&owners[a.owner]), None, 200);
    }

    // The running tally equals a recount of the stored ballots.
    let store = db.open();
    let (cells, recount) = store
        .read(|c| {
            let items = diandan_store::consultations::items(c, &cid)?;
            let recount = diandan_api::voting::recount(c, &cid, &items)?;
            Ok::<_, diandan_api::problem::ApiError>((diandan_store::ballots::cells(c, &cid)?, recount))
        })
        .unwrap();
    let mut heads = 0;
    for cell in &cells {
        let expected = recount.get(&(cell.item_id.clone(), cell.scope_key.clone())).cloned().unwrap_or_default();
        assert_eq!(
            (cell.support_area, cell.support_heads, cell.oppose_area, cell.oppose_heads, cell.abstain_area, cell.abstain_heads),
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
        heads += cell.support_heads + cell.oppose_heads + cell.abstain_heads;
    }
    let voters = acks.iter().map(|a| a.owner).collect::<std::collections::HashSet<_>>().len() as i64;
    assert!(heads >= 2 * voters, "every voter counts once per item: {heads} heads for {voters} voters");

    // The audit chain verifies.
    let verified = ok(&agent, "GET", &format!("{api}/audit/verify"), Some(&admin), None, 200);
    assert_eq!(verified["ok"], true, "{verified}");
    child.kill().ok();
    child.wait().ok();
}

backend_tests!(acknowledged_ballots_survive_sigkill);
