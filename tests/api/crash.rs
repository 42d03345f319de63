//! Crashes: the real `diandan` binary is killed with SIGKILL several times while owners are
//! casting ballots, and restarted. Every ballot that got a 2xx answer must be stored, on the
//! bulletin and in the count; the running tally must equal a recount of the stored ballots; the
//! audit chain must verify.

use crate::live::*;
use diandan_testkit::{backend_tests, Backend, TestDb};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

const KILLS: usize = 3;

struct Ack {
    owner: usize,
    receipt: String,
}

fn acknowledged_ballots_survive_sigkill(b: Backend) {
    let Some(db) = TestDb::create(b) else { return };
    let (child, base0) = start(&db);
    let mut child = Reaper(child);
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build();
    let Vote { admin, cid, items, owners } = setup_vote(&agent, &base0);
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
                    let body =
                        json!({ "choices": { &items[0]: { "choice": choice }, &items[1]: { "choice": "support" } } });
                    let url = format!("{}/api/v1/consultations/{cid}/ballot", base.read().unwrap());
                    let key = format!("t{t}-n{n}");
                    sent.fetch_add(1, Ordering::Relaxed);
                    match call(&agent, "POST", &url, Some(&owners[owner]), Some(body), &[("Idempotency-Key", &key)]) {
                        Ok((201, v)) => acks
                            .lock()
                            .unwrap()
                            .push(Ack { owner, receipt: v["receipt"].as_str().unwrap().to_string() }),
                        Ok((s, v)) => panic!("ballot answered {s}: {v}"),
                        Err(_) => std::thread::sleep(Duration::from_millis(20)), // the server is down
                    }
                }
            });
        }
        for _ in 0..KILLS {
            std::thread::sleep(Duration::from_millis(600));
            child.0.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
            child.0.wait().expect("reap");
            kills += 1;
            let (next, url) = start(&db);
            child = Reaper(next);
            *base.write().unwrap() = url;
        }
        std::thread::sleep(Duration::from_millis(600));
        stop.store(true, Ordering::Relaxed);
    });
    let acks = acks.into_inner().unwrap();
    eprintln!("{kills} SIGKILLs; {} ballots sent, {} acknowledged", sent.load(Ordering::Relaxed), acks.len());
    assert_eq!(kills, KILLS);
    assert!(
        acks.len() >= 40,
        "too few acknowledged ballots to prove anything: {} of {}",
        acks.len(),
        sent.load(Ordering::Relaxed)
    );

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
    // Entries committed just before a kill were sealed when the server came back (or by its
    // sealer since): every acknowledged receipt has its place in the chain.
    let t0 = std::time::Instant::now();
    while ok(&agent, "GET", &format!("{api}/audit/verify"), Some(&admin), None, 200)["unsealed"] != 0 {
        assert!(t0.elapsed() < std::time::Duration::from_secs(10), "entries left unsealed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for a in acks.iter().step_by(7) {
        let found = ok(
            &agent,
            "GET",
            &format!("{api}/consultations/{cid}/bulletin/{}", a.receipt),
            Some(&owners[a.owner]),
            None,
            200,
        );
        assert!(found["entry"]["seq"].as_i64().is_some_and(|s| s >= 1), "receipt {} unsealed: {found}", a.receipt);
    }

    // The running tally equals a recount of the stored ballots.
    let cells = tally_equals_recount(&db, &cid);
    let heads: i64 = cells.iter().map(|c| c.support_heads + c.oppose_heads + c.abstain_heads).sum();
    let voters = acks.iter().map(|a| a.owner).collect::<std::collections::HashSet<_>>().len() as i64;
    assert!(heads >= 2 * voters, "every voter counts once per item: {heads} heads for {voters} voters");

    // The audit chain verifies.
    let verified = ok(&agent, "GET", &format!("{api}/audit/verify"), Some(&admin), None, 200);
    assert_eq!(verified["ok"], true, "{verified}");
    drop(child);
}

/// A message handed to WeChat when the server dies, before its answer is recorded, is never
/// sent again: the next holder of the dispatcher's lease marks it `unknown` (at most once).
fn a_message_interrupted_by_a_crash_is_not_sent_twice(b: Backend) {
    let Some(db) = TestDb::create(b) else { return };
    let stub = diandan_testkit::wechat_stub::WeChatStub::start();
    let templates =
        json!({ "vote_opened": { "template_id": "TPL-OPEN", "fields": { "thing1": "title", "time2": "closes_at" } } });
    let env = [
        ("WECHAT_API_BASE", stub.base_url.as_str()),
        ("WECHAT_APPID", diandan_testkit::wechat_stub::APPID),
        ("WECHAT_SECRET", diandan_testkit::wechat_stub::SECRET),
        ("DIANDAN_DISPATCH_MS", "100"),
    ];
    let templates = templates.to_string();
    let env: Vec<(&str, &str)> = env.into_iter().chain([("DIANDAN_WX_TEMPLATES", templates.as_str())]).collect();
    let (child, base) = start_with_env(&db.url, &db.dir, &env);
    let mut child = Reaper(child);
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build();
    let api = format!("{base}/api/v1");
    let admin = admin_token(&agent, &api);
    let district = district(&agent, &api, &admin, "崩溃街道");
    let (community, dwellings) = community_with_roster(&agent, &api, &admin, &district, "崩溃小区");
    // An owner whose WeChat answers slowly (the stub holds the answer 20 s).
    let login = ok(&agent, "POST", &format!("{api}/auth/wechat"), None, Some(json!({ "code": "dev:slow-1" })), 200);
    let (token, user) =
        (login["access_token"].as_str().unwrap().to_string(), login["user_id"].as_str().unwrap().to_string());
    ok(&agent, "POST", &format!("{api}/me/phone"), Some(&token), Some(json!({ "code": "dev:13900000001" })), 200);
    let bind = json!({ "dwelling_id": dwellings[0]["id"], "relation": "owner" });
    assert_eq!(ok(&agent, "POST", &format!("{api}/bindings"), Some(&token), Some(bind), 201)["status"], "approved");
    let accept = json!({ "results": { "TPL-OPEN": "accept" } });
    ok(&agent, "POST", &format!("{api}/me/message-grants"), Some(&token), Some(accept), 200);
    let now = chrono::Utc::now();
    let window = (now + chrono::Duration::seconds(2), now + chrono::Duration::hours(1));
    let (cid, _) = announced(&agent, &api, &admin, &community, &["water_supply"], window);
    ok(&agent, "POST", &format!("{api}/consultations/{cid}/open"), Some(&admin), Some(json!({})), 200);

    // The dispatcher hands the message over; the server is killed while WeChat answers.
    let t0 = std::time::Instant::now();
    while stub.sends().is_empty() {
        assert!(t0.elapsed() < Duration::from_secs(10), "the message was not sent");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.0.kill().expect("SIGKILL");
    let _ = child.0.wait();
    let store = db.open();
    let state = |store: &diandan_store::Db| {
        let rows = store.read(|c| diandan_store::messages::of_user(c, &user)).unwrap();
        assert_eq!(rows.len(), 1);
        rows[0].clone()
    };
    assert_eq!(state(&store).state, "sending");

    // Restarted: once the dead holder's lease runs out, the message is settled, never resent.
    let (restarted, _) = start_with_env(&db.url, &db.dir, &env);
    let restarted = Reaper(restarted);
    let t0 = std::time::Instant::now();
    while state(&store).state == "sending" {
        assert!(t0.elapsed() < Duration::from_secs(20), "the interrupted message was not settled");
        std::thread::sleep(Duration::from_millis(100));
    }
    let row = state(&store);
    assert_eq!((row.state.as_str(), row.attempts), ("unknown", 1));
    assert!(row.last_error.unwrap().contains("interrupted"));
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(stub.sends().len(), 1, "sent once, not again after the restart");
    drop(restarted);
}

backend_tests!(acknowledged_ballots_survive_sigkill, a_message_interrupted_by_a_crash_is_not_sent_twice);
