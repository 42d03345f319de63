//! The consultation benchmark: a community of 5,000 dwellings (1,000 with --quick), a menu of
//! 20 items (4 of them unit-scoped), every owner verified through the real API; then
//! ballots over HTTP from concurrent clients, the tally read at 500 and at 50,000 ballot
//! versions (5,000 with --quick), and in the same run the two ceilings: the server's rate
//! for a trivial handler, and the database's own rate for the same ballot transaction called
//! in-process without HTTP.

use crate::harness::*;
use diandan_api::caller::Caller;
use diandan_api::routes::ballot_cast::{cast, BallotRequest};
use serde_json::{json, Value};
use std::time::Instant;

const COMMUNITY_CODES: [&str; 16] = [
    "water_supply",
    "drainage",
    "power_supply",
    "telecom_lines",
    "roads",
    "gas",
    "heating",
    "fire_safety",
    "security",
    "waste_sorting",
    "mobile_network",
    "fibre",
    "greening",
    "lighting",
    "parcel_lockers",
    "canteen",
];
const UNIT_CODES: [&str; 4] = ["elevator", "stairwell", "barrier_free", "ebike_charging"];

struct Owner {
    token: String,
    user_id: String,
}

/// Deterministic pseudo-random choice for version `i`, item `j`.
fn choice(i: usize, j: usize) -> &'static str {
    let x = (i as u64).wrapping_mul(6364136223846793005).wrapping_add(j as u64 * 1442695040888963407) >> 33;
    ["support", "support", "oppose", "abstain"][(x % 4) as usize]
}

fn ballot_body(items: &[String], i: usize) -> Value {
    let mut m = serde_json::Map::new();
    for (j, id) in items.iter().enumerate() {
        m.insert(id.clone(), json!({ "choice": choice(i, j) }));
    }
    if i % 7 == 0 {
        m.insert(items[0].clone(), json!({ "choice": "support", "priority": 1, "copay": "up_to1000" }));
    }
    json!({ "choices": m })
}

fn roster(n: usize) -> String {
    let mut s = String::from("building,unit,room,floor,area,owner_key,owner_name,phone,developer\n");
    let mut owner = 0;
    for i in 0..n {
        let (b, rest) = (i / 200 + 1, i % 200);
        let (u, rest) = (rest / 50 + 1, rest % 50);
        let (f, r) = (rest / 5 + 1, rest % 5 + 1);
        let area = 4500 + (i * 37 % 7000);
        let developer = i >= n - n / 50;
        // Every 50th dwelling belongs to the owner of the one before (multi-dwelling owners).
        if i % 50 != 49 {
            owner += 1;
        }
        if developer {
            s.push_str(&format!("{b}号楼,{u}单元,{f}0{r},{f},{}.{:02},,,,是\n", area / 100, area % 100));
        } else {
            s.push_str(&format!("{b}号楼,{u}单元,{f}0{r},{f},{}.{:02},O{owner},业主{owner},139{owner:08},否\n", area / 100, area % 100));
        }
    }
    s
}

fn consultation(agent: &ureq::Agent, base: &str, committee: &str, community: &str, title: &str) -> (String, Vec<String>) {
    let opens = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::seconds(2));
    let closes = diandan_domain::time::canonical(chrono::Utc::now() + chrono::Duration::days(30));
    let c = expect(
        agent,
        "POST",
        &format!("{base}/api/v1/communities/{community}/consultations"),
        Some(committee),
        Some(&json!({ "title": title, "announce_days": 0, "opens_at": opens, "closes_at": closes })),
        201,
    );
    let id = c["id"].as_str().unwrap().to_string();
    let mut items = Vec::new();
    for code in COMMUNITY_CODES {
        let v =
            expect(agent, "POST", &format!("{base}/api/v1/consultations/{id}/items"), Some(committee), Some(&json!({ "code": code })), 201);
        items.push(v["id"].as_str().unwrap().to_string());
    }
    for code in UNIT_CODES {
        let v = expect(
            agent,
            "POST",
            &format!("{base}/api/v1/consultations/{id}/items"),
            Some(committee),
            Some(&json!({ "code": code, "scope": "unit" })),
            201,
        );
        items.push(v["id"].as_str().unwrap().to_string());
    }
    expect(agent, "POST", &format!("{base}/api/v1/consultations/{id}/announce"), Some(committee), Some(&json!({})), 200);
    expect(agent, "POST", &format!("{base}/api/v1/consultations/{id}/open"), Some(committee), Some(&json!({})), 200);
    (id, items)
}

fn cast_over_http(
    base: &str,
    owners: &[Owner],
    cid: &str,
    items: &[String],
    total: usize,
    threads: usize,
    offset: usize,
) -> (Vec<f64>, std::time::Duration) {
    load(threads, total, |_, agent, i| {
        let o = &owners[(i + offset) % owners.len()];
        let (s, v) = call(
            agent,
            "POST",
            &format!("{base}/api/v1/consultations/{cid}/ballot"),
            Some(&o.token),
            Some(&ballot_body(items, i + offset)),
        );
        assert_eq!(s, 201, "ballot: {v}");
    })
}

pub fn run(backend: &str, quick: bool) -> Value {
    let dwellings = if quick { 1_000 } else { 5_000 };
    let large = if quick { 5_000 } else { 50_000 };
    let small = 500;
    let threads = 32;
    let db = Database::create(backend);
    let server = Server::start(&db);
    let base = server.base.clone();
    let agent = agent();
    eprintln!("setting up {dwellings} dwellings on {backend}...");

    let admin = expect(
        &agent,
        "POST",
        &format!("{base}/api/v1/auth/login"),
        None,
        Some(&json!({ "username": "admin", "password": ADMIN_PASSWORD })),
        200,
    )["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let district = expect(&agent, "POST", &format!("{base}/api/v1/districts"), Some(&admin), Some(&json!({ "name": "基准街道" })), 201)
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let community = expect(
        &agent,
        "POST",
        &format!("{base}/api/v1/communities"),
        Some(&admin),
        Some(&json!({ "district_id": district, "name": "基准小区", "address": "基准路1号" })),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    let csv = roster(dwellings);
    let imported = post_csv(&agent, &format!("{base}/api/v1/communities/{community}/roster"), &admin, &csv);
    assert_eq!(imported["created"].as_u64(), Some(dwellings as u64), "{imported}");
    let uid = expect(
        &agent,
        "POST",
        &format!("{base}/api/v1/users"),
        Some(&admin),
        Some(&json!({ "username": "bench-committee", "password": "bench-committee-pw", "display_name": "委员" })),
        201,
    )["id"]
        .as_str()
        .unwrap()
        .to_string();
    expect(
        &agent,
        "POST",
        &format!("{base}/api/v1/role-grants"),
        Some(&admin),
        Some(&json!({ "user_id": uid, "role": "committee", "community_id": community })),
        201,
    );
    let committee = expect(
        &agent,
        "POST",
        &format!("{base}/api/v1/auth/login"),
        None,
        Some(&json!({ "username": "bench-committee", "password": "bench-committee-pw" })),
        200,
    )["access_token"]
        .as_str()
        .unwrap()
        .to_string();

    // One verified owner account per owner key (the developer's dwellings vote on paper).
    let mut dwelling_of: Vec<(String, String)> = Vec::new(); // (owner key, dwelling id)
    let mut offset = 0;
    loop {
        let page = expect(
            &agent,
            "GET",
            &format!("{base}/api/v1/communities/{community}/dwellings?limit=500&offset={offset}"),
            Some(&committee),
            None,
            200,
        );
        let items = page["items"].as_array().unwrap();
        for d in items {
            if d["developer_held"] == false {
                dwelling_of.push((d["owner_key"].as_str().unwrap().to_string(), d["id"].as_str().unwrap().to_string()));
            }
        }
        if page["next_offset"].is_null() {
            break;
        }
        offset += 500;
    }
    dwelling_of.sort();
    dwelling_of.dedup_by(|a, b| a.0 == b.0);
    let owners: Vec<Owner> = {
        let slots: Vec<std::sync::Mutex<Option<Owner>>> = dwelling_of.iter().map(|_| std::sync::Mutex::new(None)).collect();
        load(16, dwelling_of.len(), |_, agent, i| {
            let (key, dwelling) = &dwelling_of[i];
            let n: u64 = key[1..].parse().unwrap();
            let login =
                expect(agent, "POST", &format!("{base}/api/v1/auth/wechat"), None, Some(&json!({ "code": format!("dev:{key}") })), 200);
            let token = login["access_token"].as_str().unwrap().to_string();
            expect(
                agent,
                "POST",
                &format!("{base}/api/v1/me/phone"),
                Some(&token),
                Some(&json!({ "code": format!("dev:139{n:08}") })),
                200,
            );
            let b = expect(
                agent,
                "POST",
                &format!("{base}/api/v1/bindings"),
                Some(&token),
                Some(&json!({ "dwelling_id": dwelling, "relation": "owner" })),
                201,
            );
            assert_eq!(b["status"], "approved");
            *slots[i].lock().unwrap() = Some(Owner { token, user_id: login["user_id"].as_str().unwrap().to_string() });
        });
        slots.into_iter().map(|s| s.into_inner().unwrap().expect("owner set up")).collect()
    };
    eprintln!("{} owners verified; casting...", owners.len());

    // Consultation A: 500 versions. Consultation B: the measured load, 50,000 versions.
    let (small_id, small_items) = consultation(&agent, &base, &committee, &community, "小样本");
    cast_over_http(&base, &owners, &small_id, &small_items, small, threads, 0);
    let (large_id, large_items) = consultation(&agent, &base, &committee, &community, "大样本");
    let (lat, wall) = cast_over_http(&base, &owners, &large_id, &large_items, large, threads, 0);
    let ballots_per_s = large as f64 / wall.as_secs_f64();
    eprintln!("{large} ballots in {:.1} s", wall.as_secs_f64());

    // Close both (the schedule, with the clock moved past their window), then read tallies.
    let store = diandan_store::Db::open(&db.url, &diandan_store::PoolOptions { size: 8, ..Default::default() }).expect("open db");
    let moved = diandan_api::scheduler::tick(&store, chrono::Utc::now() + chrono::Duration::days(60));
    assert_eq!(moved, 2, "both consultations close");
    let mut tally_small = Vec::new();
    let mut tally_large = Vec::new();
    for round in 0..6 {
        // Alternating batches, so that drift (autovacuum, caches) falls on both sides alike.
        for (id, out) in [(&small_id, &mut tally_small), (&large_id, &mut tally_large)] {
            let (mut l, _) = load(2, 200, |_, agent, _| {
                expect(agent, "GET", &format!("{base}/api/v1/consultations/{id}/tally"), Some(&committee), None, 200);
            });
            if round > 0 {
                out.append(&mut l); // round 0 warms caches
            }
        }
    }
    tally_small.sort_by(|a, b| a.partial_cmp(b).unwrap());
    tally_large.sort_by(|a, b| a.partial_cmp(b).unwrap());

    // Ceiling 1: the server's rate for a trivial handler, same client concurrency.
    let trivial = if quick { 20_000 } else { 60_000 };
    let (_, hw) = load(threads, trivial, |_, agent, _| {
        agent.get(&format!("{base}/healthz")).call().expect("healthz");
    });
    let http_ceiling = trivial as f64 / hw.as_secs_f64();

    // Ceiling 2: the same ballot transaction, in-process, on a third consultation.
    let (ceiling_id, ceiling_items) = consultation(&agent, &base, &committee, &community, "上限");
    let k = if quick { 2_000 } else { 10_000 };
    let db_threads =
        std::env::var("DIANDAN_BENCH_DB_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(if backend == "sqlite" { 4 } else { 16 });
    let next = std::sync::atomic::AtomicUsize::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..db_threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= k {
                    break;
                }
                let o = &owners[i % owners.len()];
                let body = ballot_body(&ceiling_items, i);
                let req: BallotRequest = serde_json::from_value(body).expect("request");
                let choices = diandan_api::ballot_input::to_choices(&req.choices, None).expect("choices");
                let caller = Caller { user_id: o.user_id.clone(), kind: "resident".into() };
                store.write(|c| cast(c, &caller, &ceiling_id, None, choices, &req)).expect("cast in-process");
            });
        }
    });
    let db_ceiling = k as f64 / t0.elapsed().as_secs_f64();
    let rss = peak_rss_mb(server.pid());

    json!({
        "bench": "consultation",
        "backend": backend,
        "quick": quick,
        "dwellings": dwellings,
        "owners": owners.len(),
        "items": COMMUNITY_CODES.len() + UNIT_CODES.len(),
        "client_threads": threads,
        "ballots": large,
        "ballots_per_s": round2(ballots_per_s),
        "ballot_p50_ms": round2(percentile(&lat, 50.0)),
        "ballot_p99_ms": round2(percentile(&lat, 99.0)),
        "db_ceiling_per_s": round2(db_ceiling),
        "db_ceiling_threads": db_threads,
        "http_ceiling_per_s": round2(http_ceiling),
        "ratio_to_db_ceiling": round2(ballots_per_s / db_ceiling),
        "ratio_to_http_ceiling": round2(ballots_per_s / http_ceiling),
        "tally_versions_small": small,
        "tally_versions_large": large,
        "tally_p50_ms_small": round2(percentile(&tally_small, 50.0)),
        "tally_p99_ms_small": round2(percentile(&tally_small, 99.0)),
        "tally_p50_ms_large": round2(percentile(&tally_large, 50.0)),
        "tally_p99_ms_large": round2(percentile(&tally_large, 99.0)),
        "tally_ratio_large_to_small": round2(percentile(&tally_large, 99.0) / percentile(&tally_small, 99.0)),
        "peak_rss_mb": rss,
    })
}
