//! The database's own rate for the ballot transaction: the rows one online ballot writes, as
//! plain SQL kept in `crates/bench/sql/`, run outside the application on the benchmark's own
//! database — pgbench with 16 clients on PostgreSQL, a tight loop of prepared statements on
//! one connection on SQLite (one writer: more connections would only queue).
//!
//! The SQLite loop uses rusqlite (over the same bundled libsqlite3-sys as diesel) rather than
//! diesel: diesel prepares `sql_query` and UPDATE statements anew on every call, which would
//! put the cost of preparing into the ceiling.

use crate::harness::Database;
use crate::setup::{ballot_body, Owner};
use diandan_store::ballots::shard_of;
use rusqlite::types::Value as SqlValue;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::process::Command;
use std::time::Instant;

const PGBENCH_SCRIPT: &str = include_str!("../sql/ballot.pgbench");
const SQLITE_SCRIPT: &str = include_str!("../sql/ballot.sqlite.sql");

/// pgbench clients: enough to keep PostgreSQL's commits grouped on 2 cores.
const PG_CLIENTS: usize = 16;

/// The first chain position (audit and bulletin seq) the ceiling writes: far above any the
/// service reaches, so that the two never collide in the shared audit log.
const FIRST_SEQ: i64 = 1_000_000_000_000;

/// What the ceiling writes on: a consultation opened for it, and the owners who vote.
pub struct Target<'a> {
    pub community_id: &'a str,
    pub consultation_id: &'a str,
    /// 16 community-scoped items, then 4 unit-scoped ones (as `setup::consultation` makes them).
    pub items: &'a [String],
    pub owners: &'a [Owner],
}

/// Ballot versions on the ceiling's consultation, and heads added to its tally: a script whose
/// UPDATE missed its cells would otherwise run fast and unnoticed. (`$1` is also SQLite syntax.)
const WRITTEN_SQL: &str = "SELECT (SELECT COUNT(*) FROM ballot_versions WHERE consultation_id = $1) AS versions, \
     (SELECT CAST(COALESCE(SUM(support_heads + oppose_heads + abstain_heads), 0) AS BIGINT) FROM tally_cells \
     WHERE consultation_id = $1) AS heads";

/// `transactions` ballot transactions (rounded up to a multiple of the clients): (per second,
/// clients).
pub fn ballots(backend: &str, db: &Database, target: &Target, transactions: usize) -> (f64, usize) {
    assert_eq!(target.items.len(), 20, "the scripts name 20 items");
    let (rate, clients, (versions, heads)) = if backend == "sqlite" {
        let (rate, written) = sqlite(db, target, transactions);
        (rate, 1, written)
    } else {
        let (rate, written) = pgbench(db, target, transactions);
        (rate, PG_CLIENTS, written)
    };
    assert!(versions >= transactions as i64, "{versions} ballot versions written of {transactions}");
    assert_eq!(heads, 20 * versions, "every ballot adds one head to each of 20 tally cells");
    (rate, clients)
}

/// The ids and texts every transaction of the run shares, as SQL literals by name.
fn run_literals(target: &Target) -> Vec<(String, String)> {
    // Ballot 0 is the richest the HTTP clients send (a priority, a co-pay, a comment), stored
    // in the service's form.
    let body = ballot_body(target.items, 0);
    let stored = json!({ "items": body["choices"], "comment": body["comment"] });
    let mut vars = vec![
        ("consultation_id".to_string(), literal(target.consultation_id)),
        ("community_id".to_string(), literal(target.community_id)),
        ("choices".to_string(), literal(&stored.to_string())),
        // Same length as the service's masks; their content costs nothing more.
        ("dwelling_mask".to_string(), literal("1号楼1单元**1")),
    ];
    for (j, item) in target.items.iter().enumerate() {
        vars.push((format!("item{}", j + 1), literal(item)));
        vars.push((format!("delta{}", j + 1), delta(&body["choices"][item]).to_string()));
    }
    vars
}

/// The (support, oppose, abstain) heads one choice adds: its area is the transaction's.
fn delta(choice: &Value) -> &'static str {
    match choice["choice"].as_str() {
        Some("support") => "1, 0, 0",
        Some("oppose") => "0, 1, 0",
        _ => "0, 0, 1",
    }
}

/// `s` as a quoted SQL literal. pgbench would read a colon followed by a letter as one of its
/// variables even inside quotes, so such text is refused.
fn literal(s: &str) -> String {
    let b = s.as_bytes();
    let variable_like =
        b.windows(2).any(|w| w[0] == b':' && (w[1].is_ascii_alphabetic() || w[1] == b'_' || w[1] >= 0x80));
    assert!(!variable_like, "pgbench would take part of {s} for a variable");
    format!("'{}'", s.replace('\'', "''"))
}

fn fill(template: &str, vars: &[(String, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{{{name}}}}}"), value);
    }
    assert!(!out.contains("{{"), "a name of the script was left unfilled");
    out
}

fn array(values: impl Iterator<Item = String>) -> String {
    format!("ARRAY[{}]", values.collect::<Vec<_>>().join(","))
}

#[derive(diesel::QueryableByName)]
struct Written {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    versions: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    heads: i64,
}

/// The rate, and (versions, heads) written.
fn pgbench(db: &Database, target: &Target, transactions: usize) -> (f64, (i64, i64)) {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let mut c = diesel::PgConnection::establish(&db.url).expect("connect for the SQL ceiling");
    c.batch_execute(&format!("CREATE SEQUENCE IF NOT EXISTS bench_ceiling_seq START {FIRST_SEQ}"))
        .expect("create bench_ceiling_seq");
    let o = target.owners;
    let mut vars = run_literals(target);
    vars.extend([
        ("owners".to_string(), o.len().to_string()),
        ("owner_keys".to_string(), array(o.iter().map(|w| literal(&w.owner_key)))),
        ("unit_ids".to_string(), array(o.iter().map(|w| literal(&w.unit_id)))),
        ("user_ids".to_string(), array(o.iter().map(|w| literal(&w.user_id)))),
        ("shards".to_string(), array(o.iter().map(|w| shard_of("community", &w.owner_key).to_string()))),
        ("unit_shards".to_string(), array(o.iter().map(|w| shard_of(&w.unit_id, &w.owner_key).to_string()))),
    ]);
    let script = db.dir.join("ballot.pgbench");
    std::fs::write(&script, fill(PGBENCH_SCRIPT, &vars)).expect("write the pgbench script");
    let rate = pgbench_rate(&script, &db.url, PG_CLIENTS, transactions);
    use diesel::RunQueryDsl;
    let w: Written = diesel::sql_query(WRITTEN_SQL)
        .bind::<diesel::sql_types::Text, _>(target.consultation_id)
        .get_result(&mut c)
        .expect("count what the ceiling wrote");
    (rate, (w.versions, w.heads))
}

/// Transactions per second of pgbench running `script` on `url` (prepared statements, as the
/// service runs them): `transactions` (rounded up to a multiple of `clients`) from `clients`.
pub fn pgbench_rate(script: &std::path::Path, url: &str, clients: usize, transactions: usize) -> f64 {
    pgbench_rate_logged(script, url, clients, transactions, None)
}

/// As [`pgbench_rate`]; with `log`, pgbench writes one line per transaction (its latency in
/// µs third) to files named from that prefix.
pub fn pgbench_rate_logged(
    script: &std::path::Path,
    url: &str,
    clients: usize,
    transactions: usize,
    log: Option<&std::path::Path>,
) -> f64 {
    let per_client = transactions.div_ceil(clients).to_string();
    let mut cmd = Command::new("pgbench");
    cmd.args(["-M", "prepared", "-n", "-c", &clients.to_string(), "-j", "2", "-t", &per_client]);
    if let Some(prefix) = log {
        cmd.arg("-l").arg(format!("--log-prefix={}", prefix.display()));
    }
    let out = cmd.arg("-f").arg(script).arg(url).output().expect("run pgbench (installed with PostgreSQL)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "pgbench failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    tps(&stdout)
}

/// The rate on pgbench's `tps = N (without initial connection time)` line.
fn tps(report: &str) -> f64 {
    report
        .lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no tps line in pgbench's report:\n{report}"))
}

/// One prepared statement of the SQLite script, with the names of its parameters and of the
/// columns it returns.
struct Step<'c> {
    stmt: rusqlite::Statement<'c>,
    params: Vec<String>,
    returns: Vec<String>,
}

impl<'c> Step<'c> {
    fn prepare(conn: &'c rusqlite::Connection, sql: &str) -> Step<'c> {
        let stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("prepare {sql}: {e}"));
        let params = (1..=stmt.parameter_count())
            .map(|i| stmt.parameter_name(i).expect("named parameter")[1..].to_string())
            .collect();
        let returns = stmt.column_names().into_iter().map(str::to_string).collect();
        Step { stmt, params, returns }
    }

    /// Binds `vars` by name, runs the statement, and adds the row it returns (if any) to `vars`.
    fn run(&mut self, vars: &mut HashMap<String, SqlValue>) {
        for (i, name) in self.params.iter().enumerate() {
            let v = vars.get(name).unwrap_or_else(|| panic!("no value for :{name}"));
            self.stmt.raw_bind_parameter(i + 1, v).expect("bind");
        }
        if self.returns.is_empty() {
            self.stmt.raw_execute().expect("run a ceiling statement");
            return;
        }
        let mut rows = self.stmt.raw_query();
        let row = rows.next().expect("run a ceiling statement").expect("a returned row");
        for (i, name) in self.returns.iter().enumerate() {
            vars.insert(name.clone(), row.get(i).expect("returned column"));
        }
    }
}

/// The script's statements: each ends with `;` at the end of a line.
fn statements(script: &str) -> impl Iterator<Item = &str> {
    script.split_inclusive(";\n").map(str::trim).filter(|s| !s.is_empty())
}

/// xorshift64: the owner and area of each transaction, without a dependency for it.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A random receipt in the service's shape (XXXX-XXXX-XXXX), so that receipt index inserts
    /// land all over it as the service's do.
    fn receipt(&mut self) -> String {
        let mut part = || format!("{:04X}", self.below(1 << 16));
        format!("{}-{}-{}", part(), part(), part())
    }
}

/// The rate, and (versions, heads) written.
fn sqlite(db: &Database, target: &Target, transactions: usize) -> (f64, (i64, i64)) {
    let path = db.url.strip_prefix("sqlite://").expect("a sqlite:// URL");
    let conn = rusqlite::Connection::open(path).expect("open the benchmark's SQLite file");
    // The service's settings: durable commits (an acknowledged ballot survives a power cut).
    conn.execute_batch(
        "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;",
    )
    .expect("pragmas");
    let script = fill(SQLITE_SCRIPT, &run_literals(target));
    let mut steps: Vec<Step> = statements(&script).map(|sql| Step::prepare(&conn, sql)).collect();
    let first_seq: i64 = conn
        .query_row("SELECT MAX(COALESCE(MAX(seq) + 1, 0), ?1) FROM audit_log", [FIRST_SEQ], |r| r.get(0))
        .expect("last audit seq");
    let shards: Vec<i64> = target.owners.iter().map(|o| shard_of("community", &o.owner_key) as i64).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let started = Instant::now();
    for n in 0..transactions {
        let o = rng.below(target.owners.len());
        let owner = &target.owners[o];
        let text = |s: &str| SqlValue::Text(s.to_string());
        let mut vars: HashMap<String, SqlValue> = [
            ("new_ballot_id", text(&uuid::Uuid::now_v7().to_string())),
            ("version_id", text(&uuid::Uuid::now_v7().to_string())),
            ("owner_key", text(&owner.owner_key)),
            ("unit_id", text(&owner.unit_id)),
            ("user_id", text(&owner.user_id)),
            ("shard", SqlValue::Integer(shards[o])),
            ("unit_shard", SqlValue::Integer(shard_of(&owner.unit_id, &owner.owner_key) as i64)),
            ("area", SqlValue::Integer(4500 + rng.below(7000) as i64)),
            ("seq", SqlValue::Integer(first_seq + n as i64)),
            ("receipt", text(&rng.receipt())),
            // Diesel's text form of a timestamp, as the service stores it.
            ("now", text(&chrono::Utc::now().format("%Y-%m-%d %H:%M:%S%.6f").to_string())),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        for step in &mut steps {
            step.run(&mut vars);
        }
    }
    let rate = transactions as f64 / started.elapsed().as_secs_f64();
    let written = conn
        .query_row(WRITTEN_SQL, [target.consultation_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("count what the ceiling wrote");
    (rate, written)
}
