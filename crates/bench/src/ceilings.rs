//! The two ceilings a ballot rate is quoted against, measured in the same run: the server's
//! rate for a trivial handler, and the database's own rate for the same ballot transaction
//! called in-process (no HTTP).

use crate::harness::load;
use crate::setup::{ballot_body, Owner};
use diandan_app::ballots::cast::{cast_in, BallotRequest};
use diandan_app::Actor;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// `/healthz` requests per second from `clients` concurrent clients.
pub fn http(base: &str, clients: usize, requests: usize) -> f64 {
    let (_, wall) = load(clients, requests, |_, agent, _| {
        agent.get(&format!("{base}/healthz")).call().expect("healthz");
    });
    requests as f64 / wall.as_secs_f64()
}

/// Threads for the in-process ceiling: 4 on SQLite (one writer; more only queue), 16 on
/// PostgreSQL; `DIANDAN_BENCH_DB_THREADS` overrides.
pub fn db_threads(backend: &str) -> usize {
    let default = if backend == "sqlite" { 4 } else { 16 };
    std::env::var("DIANDAN_BENCH_DB_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Ballots per second cast in-process on `threads` threads: the handler's own transaction
/// (`diandan_app::ballots::cast::cast_in`) with the bodies the HTTP clients send, on the open consultation `id`.
pub fn ballots(
    store: &diandan_store::Db,
    owners: &[Owner],
    id: &str,
    items: &[String],
    ballots: usize,
    threads: usize,
) -> f64 {
    let next = AtomicUsize::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= ballots {
                    break;
                }
                let o = &owners[i % owners.len()];
                let req: BallotRequest = serde_json::from_value(ballot_body(items, i)).expect("request");
                let actor = Actor { user_id: o.user_id.clone(), kind: "resident".into() };
                store.write(|c| cast_in(c, &actor, id, None, &req)).expect("cast in-process");
            });
        }
    });
    ballots as f64 / t0.elapsed().as_secs_f64()
}
