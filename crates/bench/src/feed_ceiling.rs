//! The database's own rate for the home feed: the service's one feed statement
//! (`diandan_store::feed::statement`) as plain SQL outside the application, for the same
//! residents (in the HTTP run's order on SQLite, drawn at random by pgbench), from as many
//! clients as the service has connections (8, its pool: more on 2 cores only queue) — pgbench
//! on PostgreSQL (prepared, as the service runs it), one prepared rusqlite statement per thread
//! on SQLite. It is what the database does alone; the HTTP run adds the server, its pool, 64
//! clients and their HTTP.

use crate::harness::Database;
use crate::setup::Owner;
use std::time::Instant;

/// Clients of the ceiling: the service's default pool size.
pub const CLIENTS: usize = 8;

/// What the database alone gives: statements per second, and each statement's latency.
pub struct Ceiling {
    pub per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// `requests` feed statements for owners `(i * 11) % n`, `clients` at once; on SQLite each must
/// return at least `min_rows` rows (its account row and what the caller's world gives every
/// owner). At [`CLIENTS`] it is the rate ceiling; at the HTTP run's 64 clients its latencies
/// are the floor of the service's: with 64 clients each waiting for its answer before asking
/// again, the database alone already takes this long per statement.
pub fn feeds(
    backend: &str,
    db: &Database,
    owners: &[Owner],
    clients: usize,
    requests: usize,
    min_rows: usize,
) -> Ceiling {
    let (per_s, mut latencies) = if backend == "sqlite" {
        sqlite(db, owners, clients, requests, min_rows)
    } else {
        pgbench(db, owners, clients, requests)
    };
    latencies.sort_by(f64::total_cmp);
    Ceiling {
        per_s,
        p50_ms: crate::harness::percentile(&latencies, 50.0),
        p99_ms: crate::harness::percentile(&latencies, 99.0),
    }
}

fn pgbench(db: &Database, owners: &[Owner], clients: usize, requests: usize) -> (f64, Vec<f64>) {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    // pgbench's variables are numbers: the resident is looked up by number in a table of the
    // benchmark's own, a primary-key probe in each of the statement's five places for the
    // resident (more than the service's statement does: the ceiling errs low). Its rows are not
    // checked here; the SQLite loop checks them.
    let mut c = diesel::PgConnection::establish(&db.url).expect("connect for the feed ceiling");
    let rows: Vec<String> = owners.iter().enumerate().map(|(n, o)| format!("({n}, '{}')", o.user_id)).collect();
    c.batch_execute(&format!(
        "CREATE TABLE bench_feed_users (n INTEGER PRIMARY KEY, id TEXT NOT NULL); \
         INSERT INTO bench_feed_users VALUES {}; ANALYZE bench_feed_users;",
        rows.join(", ")
    ))
    .expect("the ceiling's residents");
    let sql = diandan_store::feed::statement()
        .replace(":user", "(SELECT id FROM bench_feed_users WHERE n = :n)")
        .replace(":now", "(now() AT TIME ZONE 'UTC')")
        .replace('\n', " ");
    let script = db.dir.join("feed.pgbench");
    std::fs::write(&script, format!("\\set n random(0, {})\n{sql};\n", owners.len() - 1)).expect("write the script");
    let logs = db.dir.join("feed-pgbench-log");
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs).expect("pgbench's log directory");
    let rate = crate::sql_ceiling::pgbench_rate_logged(&script, &db.url, clients, requests, Some(&logs.join("t")));
    c.batch_execute("DROP TABLE bench_feed_users").expect("drop the ceiling's table");
    // One line per transaction: client, transaction, latency in µs, ...
    let mut latencies = Vec::with_capacity(requests);
    for f in std::fs::read_dir(&logs).expect("pgbench's logs") {
        let text = std::fs::read_to_string(f.expect("a log").path()).expect("read a pgbench log");
        latencies.extend(
            text.lines().filter_map(|l| l.split_whitespace().nth(2)?.parse::<f64>().ok()).map(|us| us / 1000.0),
        );
    }
    assert!(latencies.len() >= requests, "pgbench logged {} of {requests} statements", latencies.len());
    (rate, latencies)
}

fn sqlite(db: &Database, owners: &[Owner], clients: usize, requests: usize, min_rows: usize) -> (f64, Vec<f64>) {
    let path = db.url.strip_prefix("sqlite://").expect("a sqlite:// URL");
    let sql = diandan_store::feed::statement().replace(":user", "?1").replace(":now", "?2");
    let next = std::sync::atomic::AtomicUsize::new(0);
    let short = std::sync::atomic::AtomicUsize::new(0);
    let latencies = std::sync::Mutex::new(Vec::with_capacity(requests));
    let started = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..clients {
            s.spawn(|| {
                let mut mine = Vec::new();
                let conn = rusqlite::Connection::open(path).expect("open the benchmark's SQLite file");
                conn.execute_batch("PRAGMA busy_timeout = 10000;").expect("pragmas");
                let mut stmt = conn.prepare(&sql).expect("prepare the feed statement");
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if i >= requests {
                        break;
                    }
                    let t = Instant::now();
                    let owner = &owners[(i * 11) % owners.len()];
                    // Diesel's text form of a timestamp, as the service binds it.
                    let now = chrono::Utc::now().format("%Y-%m-%d %H:%M:%S%.6f").to_string();
                    let n = stmt.query_map((owner.user_id.as_str(), now), |_| Ok(())).expect("run").count();
                    if n < min_rows {
                        short.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    mine.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    let rate = requests as f64 / started.elapsed().as_secs_f64();
    // A statement that matched less than every owner has would run fast and unnoticed.
    assert_eq!(short.into_inner(), 0, "feed statements returned fewer than {min_rows} rows");
    (rate, latencies.into_inner().unwrap())
}
