//! The load benchmark: a community of 5,000 dwellings (1,000 with --quick), every owner verified
//! through the API; a published consultation (for tally and demand-list reads) and an open one.
//! Phase 1: ballots only, from 32 clients, against the ceilings measured in the same run
//! (`/healthz` with the same clients; the rows a ballot writes as plain SQL, the database's own
//! rate) and beside the service's ballot transaction in-process (our code without HTTP, not a
//! ceiling). Phase 2: a mix of residents and staff (ballots and revisions, logins, tally reads,
//! demand-list reads, complaints) with latency per operation. Phase 2b: residents' home feeds
//! from 64 clients, beside `/healthz` with as many clients. Phase 3: ballots while the server
//! is SIGKILLed and restarted several times; every acknowledged ballot is then looked for in
//! the database.

use crate::harness::*;
use crate::setup::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

const CLIENTS: usize = 32;

/// A target: (figure, bound, true when the figure must stay at or under it).
type Target = (&'static str, f64, bool);

/// The targets `--check` (and so CI) enforces.
pub const ENFORCED: [Target; 2] = [("peak_rss_mb", 100.0, true), ("lost_acknowledged", 0.0, true)];

/// Targets reported but not enforced: ballots over HTTP at half the database's own rate is the
/// goal; with the shared head rows gone ballots are CPU-bound at about a third of it (issue 13's
/// note), so the ratio is reported until it is met.
pub const REPORTED: [Target; 2] = [("ratio_to_sql_ceiling", 0.5, false), ("feed_p99_ms", 20.0, true)];

/// The `targets` the figures miss, described.
pub fn missed_targets(figures: &Value, targets: &[Target]) -> Vec<String> {
    targets
        .iter()
        .filter_map(|&(name, bound, at_most)| {
            let v = figures[name].as_f64()?;
            let met = if at_most { v <= bound } else { v >= bound };
            (!met).then(|| format!("{name} = {v} (target {} {bound})", if at_most { "≤" } else { "≥" }))
        })
        .collect()
}
const KILLS: usize = 3;

pub fn run(backend: &str, quick: bool) -> Value {
    let dwellings = if quick { 1_000 } else { 5_000 };
    let ballots = if quick { 5_000 } else { 30_000 };
    let mixed = if quick { 4_000 } else { 20_000 };
    let db = Database::create(backend);
    let mut server = Server::start(&db);
    let base0 = server.base.clone();
    let agent = agent();
    let admin = login(&agent, &base0, "admin", ADMIN_PASSWORD);
    let district_id = district(&agent, &base0, &admin, "负载街道");
    eprintln!("setting up {dwellings} dwellings on {backend}...");
    let main = community(&agent, &base0, &admin, &district_id, "负载小区", &roster(dwellings, 0));
    let owners = verify_owners(&base0, &admin, &main, 16);
    let committee = staff(&agent, &base0, &admin, "load-committee", "committee", &main);
    let designer = staff(&agent, &base0, &admin, "load-designer", "designer", &main);

    // Last year's round, published: what the tally and demand-list reads read.
    let (done, done_items) = consultation(&agent, &base0, &committee, &main, "上一轮");
    load(16, owners.len() / 2, |_, agent, i| {
        expect(
            agent,
            "POST",
            &format!("{base0}/api/v1/consultations/{done}/ballot"),
            Some(&owners[i].token),
            Some(&ballot_body(&done_items, i)),
            201,
        );
    });
    let store = diandan_store::Db::open(&db.url, &diandan_store::PoolOptions { size: 8, ..Default::default() })
        .expect("open db");
    assert_eq!(diandan_api::scheduler::tick(&store, chrono::Utc::now() + chrono::Duration::days(60)), 1);
    publish(&agent, &base0, &committee, &done);
    let (cid, items) = consultation(&agent, &base0, &committee, &main, "本轮");

    // Phase 1: ballots only.
    eprintln!("phase 1: {ballots} ballots...");
    let (mut lat, wall) = load(CLIENTS, ballots, |_, agent, i| {
        let o = &owners[i % owners.len()];
        expect(
            agent,
            "POST",
            &format!("{base0}/api/v1/consultations/{cid}/ballot"),
            Some(&o.token),
            Some(&ballot_body(&items, i)),
            201,
        );
    });
    let ballots_per_s = ballots as f64 / wall.as_secs_f64();
    let ballot_ops = op_figures(&mut lat, wall);
    let site = crate::ceilings::Site {
        backend,
        db: &db,
        store: &store,
        base: &base0,
        committee: &committee,
        community: &main,
        owners: &owners,
    };
    let ceilings = crate::ceilings::ballot_ceilings(&site, CLIENTS, quick);
    let rss_ballots = peak_rss_mb(server.pid());

    // Phase 2: the mix. Of every 20 operations: 14 ballots or revisions, 2 tally reads, 2
    // demand-list reads, 1 complaint, 1 login.
    eprintln!("phase 2: {mixed} mixed operations...");
    let per_op: Mutex<BTreeMap<&'static str, Vec<f64>>> = Mutex::new(BTreeMap::new());
    let t0 = Instant::now();
    load(CLIENTS, mixed, |_, agent, i| {
        let o = &owners[(i * 7) % owners.len()];
        let started = Instant::now();
        let op = match i % 20 {
            0..=13 => {
                expect(
                    agent,
                    "POST",
                    &format!("{base0}/api/v1/consultations/{cid}/ballot"),
                    Some(&o.token),
                    Some(&ballot_body(&items, i + 1)),
                    201,
                );
                "ballot"
            }
            14 | 15 => {
                expect(
                    agent,
                    "GET",
                    &format!("{base0}/api/v1/consultations/{done}/tally"),
                    Some(&committee),
                    None,
                    200,
                );
                "tally"
            }
            16 | 17 => {
                expect(
                    agent,
                    "GET",
                    &format!("{base0}/api/v1/communities/{main}/demand-list"),
                    Some(&designer),
                    None,
                    200,
                );
                "demand_list"
            }
            18 => {
                let body = json!({ "category": "property_repairs", "description": "楼道灯不亮", "location_kind": "public", "place": "车棚", "catalog_code": "lighting" });
                expect(
                    agent,
                    "POST",
                    &format!("{base0}/api/v1/communities/{main}/complaints"),
                    Some(&o.token),
                    Some(&body),
                    201,
                );
                "complaint"
            }
            _ => {
                let key = format!("C0O{}", 1 + (i * 13) % owners.len());
                expect(
                    agent,
                    "POST",
                    &format!("{base0}/api/v1/auth/wechat"),
                    None,
                    Some(&json!({ "code": format!("dev:{key}") })),
                    200,
                );
                "login"
            }
        };
        per_op.lock().unwrap().entry(op).or_default().push(started.elapsed().as_secs_f64() * 1000.0);
    });
    let mixed_wall = t0.elapsed();
    let operations: BTreeMap<&str, Value> =
        per_op.into_inner().unwrap().into_iter().map(|(k, mut v)| (k, op_figures(&mut v, mixed_wall))).collect();
    let rss = peak_rss_mb(server.pid());

    // Phase 2b: residents open the mini-program — their home feed (open votes, receipts, orders to
    // confirm, ratings, unread notices), 64 at once, beside the trivial handler with as many clients.
    let feeds = if quick { 4_000 } else { 20_000 };
    eprintln!("phase 2b: {feeds} home feeds...");
    let (feed, feed_http_ceiling) = crate::feed::measure(&base0, &owners, feeds, |_, _| {});
    // Every owner's feed: the account and a receipt (phase 1 reaches every owner).
    let feed_sql_ceiling =
        crate::feed_ceiling::feeds(backend, &db, &owners, crate::feed_ceiling::CLIENTS, feeds, 2).per_s;
    let feed_sql_64 = crate::feed_ceiling::feeds(backend, &db, &owners, crate::feed::FEED_CLIENTS, feeds, 2);

    // Phase 3: ballots while the server is killed with SIGKILL and restarted.
    eprintln!("phase 3: {KILLS} SIGKILLs under ballots...");
    let base = RwLock::new(base0.clone());
    let stop = AtomicBool::new(false);
    let acked: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut kills = 0;
    std::thread::scope(|s| {
        for t in 0..CLIENTS / 2 {
            let (base, stop, acked, owners, items, cid) = (&base, &stop, &acked, &owners, &items, &cid);
            s.spawn(move || {
                let agent = crate::harness::agent();
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let o = &owners[(t * 101 + n * 17) % owners.len()];
                    n += 1;
                    let url = format!("{}/api/v1/consultations/{cid}/ballot", base.read().unwrap());
                    let r = agent
                        .post(&url)
                        .set("Authorization", &format!("Bearer {}", o.token))
                        .send_json(ballot_body(items, t * 1000 + n));
                    match r {
                        Ok(resp) if resp.status() == 201 => {
                            let v: Value = resp.into_json().expect("receipt");
                            acked.lock().unwrap().push(v["receipt"].as_str().unwrap().to_string());
                        }
                        Ok(resp) => panic!("ballot answered {}", resp.status()),
                        Err(ureq::Error::Status(s, resp)) => {
                            panic!("ballot answered {s}: {}", resp.into_string().unwrap_or_default())
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(20)), // down
                    }
                }
            });
        }
        for _ in 0..KILLS {
            std::thread::sleep(Duration::from_millis(if quick { 800 } else { 2_000 }));
            server.kill9();
            kills += 1;
            server = Server::start(&db);
            *base.write().unwrap() = server.base.clone();
        }
        std::thread::sleep(Duration::from_millis(800));
        stop.store(true, Ordering::Relaxed);
    });
    let acked = acked.into_inner().unwrap();
    let stored: HashSet<String> = store
        .read(|c| diandan_store::ballots::receipts(c, &cid).map_err(diandan_api::problem::ApiError::from))
        .expect("receipts")
        .into_iter()
        .collect();
    let lost = acked.iter().filter(|r| !stored.contains(*r)).count();

    let figures = json!({
        "bench": "load",
        "backend": backend,
        "quick": quick,
        "dwellings": dwellings,
        "owners": owners.len(),
        "clients": CLIENTS,
        "ballots": ballots,
        "ballots_per_s": round2(ballots_per_s),
        "ballot": ballot_ops,
        "mixed_operations": mixed,
        "mixed_per_s": round2(mixed as f64 / mixed_wall.as_secs_f64()),
        "operations": operations,
        "feed": feed,
        "feed_clients": crate::feed::FEED_CLIENTS,
        "feed_p99_ms": feed["p99_ms"],
        "feed_http_ceiling_per_s": round2(feed_http_ceiling),
        "feed_ratio_to_http_ceiling": round2(feed["per_s"].as_f64().unwrap_or(0.0) / feed_http_ceiling),
        "feed_sql_ceiling_per_s": round2(feed_sql_ceiling),
        "feed_ratio_to_sql_ceiling": round2(feed["per_s"].as_f64().unwrap_or(0.0) / feed_sql_ceiling),
        "feed_sql_at_feed_clients": crate::feed::sql_at(&feed_sql_64),
        "peak_rss_mb": rss,
        "peak_rss_mb_after_ballots": rss_ballots,
        "kills": kills,
        "acknowledged": acked.len(),
        "lost_acknowledged": lost,
    });
    merged(figures, ceilings.figures(ballots_per_s))
}
