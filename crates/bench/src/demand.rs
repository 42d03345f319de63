//! The demand-list benchmark: a community of 5,000 dwellings (1,000 with --quick) whose owners
//! all voted on a 20-item menu, in a district of 200 communities (20) that all published; then
//! the designers' list read over HTTP by 64 concurrent clients, the district's summary read by
//! the admin, and in the same run the server's rate for a trivial handler with the same
//! clients (the HTTP ceiling) and, beside it, the rate of the same read (access check, list,
//! complaint counts, JSON) called in-process without HTTP — our code, not a database ceiling,
//! so its ratio measures only the HTTP layer.

use crate::harness::*;
use crate::setup::*;
use diandan_app::Actor;
use serde_json::{json, Value};
use std::time::Instant;

const CLIENTS: usize = 64;

/// Votes every owner once on `items`.
fn vote(base: &str, owners: &[Owner], cid: &str, items: &[String], threads: usize) {
    load(threads, owners.len(), |_, agent, i| {
        expect(
            agent,
            "POST",
            &format!("{base}/api/v1/consultations/{cid}/ballot"),
            Some(&owners[i].token),
            Some(&ballot_body(items, i)),
            201,
        );
    });
}

pub fn run(backend: &str, quick: bool) -> Value {
    let dwellings = if quick { 1_000 } else { 5_000 };
    let communities = if quick { 20 } else { 200 };
    let small = 20;
    let reads = if quick { 5_000 } else { 20_000 };
    let district_reads = if quick { 500 } else { 2_000 };
    let db = Database::create(backend);
    let server = Server::start(&db);
    let base = server.base.clone();
    let agent = agent();
    let admin = login(&agent, &base, "admin", ADMIN_PASSWORD);
    let district_id = district(&agent, &base, &admin, "基准街道");

    eprintln!("setting up a community of {dwellings} dwellings on {backend}...");
    let main = community(&agent, &base, &admin, &district_id, "基准小区", &roster(dwellings, 0));
    let owners = verify_owners(&base, &admin, &main, 16);
    let (main_cid, main_items) = consultation(&agent, &base, &admin, &main, "2026年改造菜单");
    vote(&base, &owners, &main_cid, &main_items, 32);
    // Complaints naming menu items, so that the list carries complaint counts.
    load(16, owners.len().min(500), |_, agent, i| {
        let code = if i % 2 == 0 { COMMUNITY_CODES[i % 16] } else { UNIT_CODES[i % 4] };
        let body = json!({ "category": "facilities", "description": "设施问题", "location_kind": "public", "place": "小区", "catalog_code": code });
        expect(
            agent,
            "POST",
            &format!("{base}/api/v1/communities/{main}/complaints"),
            Some(&owners[i].token),
            Some(&body),
            201,
        );
    });

    eprintln!("setting up {} more communities of {small} dwellings...", communities - 1);
    let others: Vec<std::sync::Mutex<Option<String>>> = (1..communities).map(|_| std::sync::Mutex::new(None)).collect();
    load(8, communities - 1, |_, agent, k| {
        let ci = k + 1;
        let cid = community(agent, &base, &admin, &district_id, &format!("小区{ci:03}"), &roster(small, ci));
        let owners = verify_owners(&base, &admin, &cid, 1);
        let (id, items) = consultation(agent, &base, &admin, &cid, "改造菜单");
        vote(&base, &owners, &id, &items, 1);
        *others[k].lock().unwrap() = Some(id);
    });

    // Close them all (the schedule, with the clock moved past the window) and publish.
    let store = diandan_store::Db::open(&db.url, &diandan_store::PoolOptions { size: 4, ..Default::default() })
        .expect("open db");
    let closed = diandan_api::scheduler::tick(&store, chrono::Utc::now() + chrono::Duration::days(60));
    assert_eq!(closed, communities, "every consultation closes");
    let mut ids: Vec<String> = others.into_iter().map(|m| m.into_inner().unwrap().expect("consultation")).collect();
    ids.push(main_cid.clone());
    load(8, ids.len(), |_, agent, i| publish(agent, &base, &admin, &ids[i]));
    let designer = staff(&agent, &base, &admin, "bench-designer", "designer", &main);
    let url = format!("{base}/api/v1/communities/{main}/demand-list");
    let sample = expect(&agent, "GET", &url, Some(&designer), None, 200);
    assert_eq!(sample["items"].as_array().unwrap().len(), 20);
    let bytes = serde_json::to_vec(&sample).unwrap().len();
    let district_url = format!("{base}/api/v1/districts/{district_id}/demand-list");
    let summary = expect(&agent, "GET", &district_url, Some(&admin), None, 200);
    assert_eq!(summary["communities"].as_u64(), Some(communities as u64));

    eprintln!("reading...");
    // Read as a browser or a Python client would, accepting gzip. A read's latency runs from
    // sending the request to the last byte of the body (as wrk or hey measure it); the client's
    // own decompression is checked once, outside the timed reads.
    let fetch = |agent: &ureq::Agent, url: &str, token: &str| -> (bool, Vec<u8>) {
        let r = agent
            .get(url)
            .set("Authorization", &format!("Bearer {token}"))
            .set("Accept-Encoding", "gzip")
            .call()
            .expect("read");
        assert_eq!(r.status(), 200);
        let gzip = r.header("content-encoding") == Some("gzip");
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut r.into_reader(), &mut body).expect("body");
        (gzip, body)
    };
    let (gzip, compressed) = fetch(&agent, &url, &designer);
    assert!(gzip, "the list is sent compressed");
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&compressed[..]), &mut plain).expect("gzip");
    assert_eq!(serde_json::from_slice::<Value>(&plain).expect("JSON")["items"], sample["items"]);
    let read = |agent: &ureq::Agent, url: &str, token: &str| {
        std::hint::black_box(fetch(agent, url, token));
    };
    load(CLIENTS, 2_000, |_, agent, _| read(agent, &url, &designer)); // warm-up
    let (lat, wall) = load(CLIENTS, reads, |_, agent, _| read(agent, &url, &designer));
    let demand_per_s = reads as f64 / wall.as_secs_f64();
    let (dlat, dwall) = load(CLIENTS, district_reads, |_, agent, _| read(agent, &district_url, &admin));

    // The HTTP ceiling: a trivial handler, same clients.
    let trivial = if quick { 20_000 } else { 60_000 };
    let (_, hw) = load(CLIENTS, trivial, |_, agent, _| {
        agent.get(&format!("{base}/healthz")).call().expect("healthz");
    });
    let http_ceiling = trivial as f64 / hw.as_secs_f64();

    // Beside it, the same read in-process (access check, stored list, complaint counts, JSON),
    // on as many threads as the server has cores.
    let designer_id = {
        let me = expect(&agent, "GET", &format!("{base}/api/v1/me"), Some(&designer), None, 200);
        me["id"].as_str().unwrap().to_string()
    };
    let caller = Actor { user_id: designer_id, kind: "staff".into() };
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
    let cache = diandan_app::demand::list::DemandCache::default();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < reads {
                    let (rendered, counts) = store
                        .read(|c| diandan_app::demand::list::read_in(c, &cache, &caller, &main, None))
                        .expect("read in-process");
                    std::hint::black_box(rendered.body(&counts).expect("body"));
                }
            });
        }
    });
    let inprocess = reads as f64 / t0.elapsed().as_secs_f64();

    json!({
        "bench": "demand",
        "backend": backend,
        "quick": quick,
        "dwellings": dwellings,
        "owners": owners.len(),
        "district_communities": communities,
        "items": 20,
        "clients": CLIENTS,
        "response_bytes": bytes,
        "response_gzip_bytes": compressed.len(),
        "demand_reads": reads,
        "demand_per_s": round2(demand_per_s),
        "demand_p50_ms": round2(percentile(&lat, 50.0)),
        "demand_p99_ms": round2(percentile(&lat, 99.0)),
        "district_reads": district_reads,
        "district_per_s": round2(district_reads as f64 / dwall.as_secs_f64()),
        "district_p50_ms": round2(percentile(&dlat, 50.0)),
        "district_p99_ms": round2(percentile(&dlat, 99.0)),
        "http_ceiling_per_s": round2(http_ceiling),
        "inprocess_per_s": round2(inprocess),
        "inprocess_threads": threads,
        "ratio_to_inprocess": round2(demand_per_s / inprocess),
        "ratio_to_http_ceiling": round2(demand_per_s / http_ceiling),
        "peak_rss_mb": peak_rss_mb(server.pid()),
    })
}
