//! The consultation benchmark: a community of 5,000 dwellings (1,000 with --quick), a menu of
//! 20 items (4 of them unit-scoped), every owner verified through the API; then ballots over
//! HTTP from concurrent clients, the tally read at 500 and at 50,000 ballot versions (5,000
//! with --quick), and in the same run the ceilings: the server's rate for a trivial handler,
//! and the database's own rate for the rows a ballot writes as plain SQL (pgbench on
//! PostgreSQL, a loop of prepared statements on SQLite); beside them the service's own ballot
//! transaction called in-process (not a ceiling: it isolates the HTTP layer). Last, ballots
//! into one community against ballots spread over 20 (`communities`).

use crate::harness::*;
use crate::setup::*;
use serde_json::{json, Value};

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

    let admin = login(&agent, &base, "admin", ADMIN_PASSWORD);
    let district = district(&agent, &base, &admin, "基准街道");
    let community = community(&agent, &base, &admin, &district, "基准小区", &roster(dwellings, 0));
    let committee = staff(&agent, &base, &admin, "bench-committee", "committee", &community);
    let owners = verify_owners(&base, &committee, &community, 16);
    eprintln!("{} owners verified; casting...", owners.len());

    // Consultation A: 500 versions. Consultation B: the measured load, 50,000 versions.
    let (small_id, small_items) = consultation(&agent, &base, &committee, &community, "小样本");
    cast_over_http(&base, &owners, &small_id, &small_items, small, threads, 0);
    let (large_id, large_items) = consultation(&agent, &base, &committee, &community, "大样本");
    let (lat, wall) = cast_over_http(&base, &owners, &large_id, &large_items, large, threads, 0);
    let ballots_per_s = large as f64 / wall.as_secs_f64();
    eprintln!("{large} ballots in {:.1} s", wall.as_secs_f64());

    // Close both (the schedule, with the clock moved past their window), then read tallies.
    let store = diandan_store::Db::open(&db.url, &diandan_store::PoolOptions { size: 8, ..Default::default() })
        .expect("open db");
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

    let site = crate::ceilings::Site {
        backend,
        db: &db,
        store: &store,
        base: &base,
        committee: &committee,
        community: &community,
        owners: &owners,
    };
    let ceilings = crate::ceilings::ballot_ceilings(&site, threads, quick);
    // Peak memory of the one-community run: the communities phase below is a load of its own.
    let rss = peak_rss_mb(server.pid());
    let many = crate::communities::run(&agent, &base, &admin, &district, quick);

    let figures = json!({
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
        "tally_versions_small": small,
        "tally_versions_large": large,
        "tally_p50_ms_small": round2(percentile(&tally_small, 50.0)),
        "tally_p99_ms_small": round2(percentile(&tally_small, 99.0)),
        "tally_p50_ms_large": round2(percentile(&tally_large, 50.0)),
        "tally_p99_ms_large": round2(percentile(&tally_large, 99.0)),
        "tally_ratio_large_to_small": round2(percentile(&tally_large, 99.0) / percentile(&tally_small, 99.0)),
        "peak_rss_mb": rss,
    });
    merged(merged(figures, ceilings.figures(ballots_per_s)), many)
}
