//! The home-feed benchmark (issue 15: p99 ≤ 20 ms at 64 clients with 5,000 residents; 1,000
//! with --quick). A community whose owners are all verified through the API; last year's
//! consultation published (its receipts, its result notice), this year's open with 40 % of the
//! owners voted (its agenda notice), two notices of the committee, one read by a third of the
//! owners, an open rating period. Then 64 residents at once open the mini-program, beside
//! `/healthz` with as many clients and the feed's statement as plain SQL (`feed_ceiling`) in
//! the same run. Every feed answered is checked: an owner
//! who has not voted is asked to vote, one who has is not.

use crate::harness::*;
use crate::setup::*;
use serde_json::{json, Value};

/// Residents reading their feed at once (the figure).
pub const FEED_CLIENTS: usize = 64;

/// Owners `i` with `i % 5 < 2` vote in the open consultation.
fn votes_now(i: usize) -> bool {
    i % 5 < 2
}

pub fn run(backend: &str, quick: bool) -> Value {
    let dwellings = if quick { 1_000 } else { 5_000 };
    let db = Database::create(backend);
    let server = Server::start(&db);
    let base = server.base.clone();
    let agent = agent();
    let admin = login(&agent, &base, "admin", ADMIN_PASSWORD);
    let district_id = district(&agent, &base, &admin, "首页街道");
    eprintln!("setting up {dwellings} dwellings on {backend}...");
    let main = community(&agent, &base, &admin, &district_id, "首页小区", &roster(dwellings, 0));
    let owners = verify_owners(&base, &admin, &main, 16);
    let committee = staff(&agent, &base, &admin, "feed-committee", "committee", &main);

    let (done, done_items) = consultation(&agent, &base, &committee, &main, "上一轮");
    load(16, owners.len(), |_, agent, i| {
        let url = format!("{base}/api/v1/consultations/{done}/ballot");
        expect(agent, "POST", &url, Some(&owners[i].token), Some(&ballot_body(&done_items, i)), 201);
    });
    let store = diandan_store::Db::open(&db.url, &diandan_store::PoolOptions::default()).expect("open db");
    assert_eq!(diandan_api::scheduler::tick(&store, chrono::Utc::now() + chrono::Duration::days(60)), 1);
    publish(&agent, &base, &committee, &done);
    let (open, items) = consultation(&agent, &base, &committee, &main, "本轮");
    let voters: Vec<usize> = (0..owners.len()).filter(|&i| votes_now(i)).collect();
    load(16, voters.len(), |_, agent, k| {
        let i = voters[k];
        let url = format!("{base}/api/v1/consultations/{open}/ballot");
        expect(agent, "POST", &url, Some(&owners[i].token), Some(&ballot_body(&items, i)), 201);
    });
    let mut notices = Vec::new();
    for (title, pinned) in [("停水通知", true), ("电梯加装说明会", false)] {
        let body = json!({ "title": title, "body": "详见公告栏", "pinned": pinned });
        let n = expect(
            &agent,
            "POST",
            &format!("{base}/api/v1/communities/{main}/notices"),
            Some(&committee),
            Some(&body),
            201,
        );
        notices.push(n["id"].as_str().unwrap().to_string());
    }
    load(16, owners.len() / 3, |_, agent, k| {
        let url = format!("{base}/api/v1/notices/{}/read", notices[0]);
        expect(agent, "POST", &url, Some(&owners[k * 3].token), Some(&json!({})), 200);
    });
    let closes = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::days(20));
    let period = json!({ "district_id": district_id, "name": "四季度物业评价", "closes_at": closes });
    expect(&agent, "POST", &format!("{base}/api/v1/rating-periods"), Some(&admin), Some(&period), 201);

    let feeds = if quick { 4_000 } else { 20_000 };
    eprintln!("{feeds} home feeds from {FEED_CLIENTS} clients...");
    let (feed, ceiling) = measure(&base, &owners, feeds, |i, v| {
        let asked: usize = v["items"].as_array().unwrap().iter().filter(|x| x["kind"] == "vote").count();
        assert_eq!(asked, usize::from(!votes_now(i)), "owner {i}'s feed: {v}");
        assert!(v["items"].as_array().unwrap().iter().any(|x| x["kind"] == "rate"), "owner {i}'s feed: {v}");
    });
    // Every owner's feed: the account, the rating period, and a vote or last year's receipt.
    let sql_ceiling = crate::feed_ceiling::feeds(backend, &db, &owners, crate::feed_ceiling::CLIENTS, feeds, 3).per_s;
    // The same statement from the HTTP run's 64 clients: the database's own latency there.
    let sql_64 = crate::feed_ceiling::feeds(backend, &db, &owners, FEED_CLIENTS, feeds, 3);
    json!({
        "bench": "feed",
        "backend": backend,
        "quick": quick,
        "dwellings": dwellings,
        "owners": owners.len(),
        "feed_clients": FEED_CLIENTS,
        "feed": feed,
        "feed_p99_ms": feed["p99_ms"],
        "feed_http_ceiling_per_s": round2(ceiling),
        "feed_ratio_to_http_ceiling": round2(feed["per_s"].as_f64().unwrap_or(0.0) / ceiling),
        "feed_sql_ceiling_per_s": round2(sql_ceiling),
        "feed_sql_ceiling_clients": crate::feed_ceiling::CLIENTS,
        "feed_ratio_to_sql_ceiling": round2(feed["per_s"].as_f64().unwrap_or(0.0) / sql_ceiling),
        "feed_sql_at_feed_clients": sql_at(&sql_64),
    })
}

/// The feed statement alone from [`FEED_CLIENTS`] clients: its rate and latencies, the floor
/// under the HTTP run's at the same concurrency.
pub fn sql_at(c: &crate::feed_ceiling::Ceiling) -> Value {
    json!({ "clients": FEED_CLIENTS, "per_s": round2(c.per_s), "p50_ms": round2(c.p50_ms), "p99_ms": round2(c.p99_ms) })
}

/// `requests` home feeds of `owners[(i * 11) % n]` from [`FEED_CLIENTS`] clients, each answer
/// handed to `check(owner index, body)`; then `/healthz` with as many clients and requests.
/// Returns the feed's figures and the trivial handler's rate.
pub fn measure(base: &str, owners: &[Owner], requests: usize, check: impl Fn(usize, &Value) + Sync) -> (Value, f64) {
    let (mut lat, wall) = load(FEED_CLIENTS, requests, |_, agent, i| {
        let o = (i * 11) % owners.len();
        let v = expect(agent, "GET", &format!("{base}/api/v1/me/feed"), Some(&owners[o].token), None, 200);
        check(o, &v);
    });
    let figures = op_figures(&mut lat, wall);
    (figures, crate::ceilings::http(base, FEED_CLIENTS, requests))
}
