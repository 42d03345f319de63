//! What a ballot rate is quoted against, measured in the same run: the server's rate for a
//! trivial handler (the HTTP ceiling), the database's own rate for the rows a ballot writes as
//! plain SQL (`sql_ceiling`), and beside them the service's own ballot transaction called
//! in-process — not a ceiling: it is our code without HTTP, so its ratio measures only the
//! HTTP layer.

use crate::harness::{load, round2, Database};
use crate::setup::{ballot_body, consultation, Owner};
use crate::sql_ceiling::Target;
use diandan_app::ballots::cast::{cast_in, BallotRequest};
use diandan_app::Actor;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// `/healthz` requests per second from `clients` concurrent clients.
pub fn http(base: &str, clients: usize, requests: usize) -> f64 {
    let (_, wall) = load(clients, requests, |_, agent, _| {
        agent.get(&format!("{base}/healthz")).call().expect("healthz");
    });
    requests as f64 / wall.as_secs_f64()
}

/// Threads for the in-process rate: 4 on SQLite (one writer; more only queue), 16 on
/// PostgreSQL; `DIANDAN_BENCH_INPROCESS_THREADS` overrides.
pub fn inprocess_threads(backend: &str) -> usize {
    let default = if backend == "sqlite" { 4 } else { 16 };
    std::env::var("DIANDAN_BENCH_INPROCESS_THREADS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Ballots per second cast in-process on `threads` threads: the handler's own transaction
/// (`diandan_app::ballots::cast::cast_in`) with the bodies the HTTP clients send, on the open
/// consultation `id`.
pub fn inprocess_ballots(
    store: &diandan_store::Db,
    owners: &[Owner],
    id: &str,
    items: &[String],
    ballots: usize,
    threads: usize,
) -> f64 {
    let next = AtomicUsize::new(0);
    // As the server keeps it: one cache for every ballot.
    let menus = diandan_app::ballots::menu::MenuCache::default();
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
                store
                    .write(|c| {
                        cast_in(c, &menus, &actor, id, None, &req, &diandan_app::moderation::screen::Screen::Shown)
                    })
                    .expect("cast in-process");
            });
        }
    });
    ballots as f64 / t0.elapsed().as_secs_f64()
}

/// The rates a ballot rate is quoted against, all measured in the same run.
pub struct BallotCeilings {
    pub http: f64,
    pub sql: f64,
    pub sql_clients: usize,
    pub inprocess: f64,
    pub inprocess_threads: usize,
}

/// Where the ballot ceilings are measured: the benchmark's server and database, and the
/// community whose committee opens one consultation for each transaction ceiling (so that
/// each starts from an empty tally, as the measured ballots did).
pub struct Site<'a> {
    pub backend: &'a str,
    pub db: &'a Database,
    pub store: &'a diandan_store::Db,
    pub base: &'a str,
    pub committee: &'a str,
    pub community: &'a str,
    pub owners: &'a [Owner],
}

/// `/healthz` with `clients` clients; the ballot transaction as plain SQL; the service's
/// transaction in-process.
pub fn ballot_ceilings(site: &Site, clients: usize, quick: bool) -> BallotCeilings {
    let agent = crate::harness::agent();
    let transactions = if quick { 2_000 } else { 10_000 };
    let http = http(site.base, clients, if quick { 20_000 } else { 60_000 });
    let (sql_id, sql_items) = consultation(&agent, site.base, site.committee, site.community, "SQL上限");
    let target =
        Target { community_id: site.community, consultation_id: &sql_id, items: &sql_items, owners: site.owners };
    let (sql, sql_clients) = crate::sql_ceiling::ballots(site.backend, site.db, &target, transactions);
    let (id, items) = consultation(&agent, site.base, site.committee, site.community, "进程内");
    let threads = inprocess_threads(site.backend);
    let inprocess = inprocess_ballots(site.store, site.owners, &id, &items, transactions, threads);
    BallotCeilings { http, sql, sql_clients, inprocess, inprocess_threads: threads }
}

impl BallotCeilings {
    /// The figures for the JSON line, beside `ballots_per_s` measured over HTTP.
    pub fn figures(&self, ballots_per_s: f64) -> Value {
        json!({
            "http_ceiling_per_s": round2(self.http),
            "ratio_to_http_ceiling": round2(ballots_per_s / self.http),
            "sql_ceiling_per_s": round2(self.sql),
            "sql_ceiling_clients": self.sql_clients,
            "ratio_to_sql_ceiling": round2(ballots_per_s / self.sql),
            "inprocess_per_s": round2(self.inprocess),
            "inprocess_threads": self.inprocess_threads,
            "ratio_to_inprocess": round2(ballots_per_s / self.inprocess),
        })
    }
}
