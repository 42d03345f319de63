//! What every benchmark needs: a fresh database, the release server on a free port, an HTTP
//! client per thread, and percentiles.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ADMIN_PASSWORD: &str = "bench-admin-password";

pub struct Database {
    pub url: String,
    pub dir: PathBuf,
    pg_drop: Option<(String, String)>,
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

impl Database {
    pub fn create(backend: &str) -> Database {
        let dir = std::env::temp_dir().join(format!("diandan-bench-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        if backend == "sqlite" {
            return Database { url: format!("sqlite://{}", dir.join("diandan.db").display()), dir, pg_drop: None };
        }
        let out =
            Command::new(workspace().join("scripts/ensure-postgres")).output().expect("run scripts/ensure-postgres");
        let base = String::from_utf8_lossy(&out.stdout).lines().last().unwrap_or_default().trim().to_string();
        let (server, _) = base.rsplit_once('/').expect("postgres URL");
        let name = format!("bench_{}", &uuid::Uuid::now_v7().simple().to_string()[..12]);
        let admin = format!("{server}/postgres");
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let mut c = diesel::PgConnection::establish(&admin).expect("connect to postgres");
        c.batch_execute(&format!("CREATE DATABASE {name}")).expect("create bench database");
        Database { url: format!("{server}/{name}"), dir, pg_drop: Some((admin, name)) }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // DIANDAN_BENCH_KEEP=1 leaves the world behind to look into (EXPLAIN a query on it).
        if std::env::var("DIANDAN_BENCH_KEEP").is_ok_and(|v| v == "1") {
            eprintln!("kept the benchmark's database: {}", self.url);
            return;
        }
        if let Some((admin, name)) = &self.pg_drop {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut c) = diesel::PgConnection::establish(admin) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Server {
    pub base: String,
    child: Child,
}

impl Server {
    pub fn start(db: &Database) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
        let bin = workspace().join("target/release/diandan");
        let mut cmd = Command::new(&bin);
        // Server tuning knobs pass through from the benchmark's environment.
        for knob in ["DIANDAN_DB_POOL", "DIANDAN_WORKERS"] {
            if let Ok(v) = std::env::var(knob) {
                cmd.env(knob, v);
            }
        }
        let child = cmd
            .arg("serve")
            .env("DATABASE_URL", &db.url)
            .env("DIANDAN_DATA_DIR", &db.dir)
            .env("DIANDAN_ADDR", format!("127.0.0.1:{port}"))
            .env("DIANDAN_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env("DIANDAN_DEV_LOGIN", "1")
            .env("DIANDAN_SCHEDULER_SECS", "3600")
            .env("DIANDAN_ACCESS_TTL_SECS", "14400")
            // A handful of owners revise hundreds of times a second, all from loopback: the write
            // limit runs (its cost is measured) but is set far above what the benchmark sends.
            .env("DIANDAN_WRITES_PER_USER", "100000000")
            .env("DIANDAN_WRITES_PER_ADDRESS", "100000000")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", bin.display()));
        let base = format!("http://127.0.0.1:{port}");
        let agent = agent();
        let started = Instant::now();
        while agent.get(&format!("{base}/healthz")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Server { base, child }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL, as a power cut would stop it (no shutdown of any kind), and reap it.
    pub fn kill9(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).max_idle_connections_per_host(4).build()
}

/// Sends a request; returns (status, JSON body).
pub fn call(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, body: Option<&Value>) -> (u16, Value) {
    let mut req = agent.request(method, url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let result = match body {
        Some(b) => req.send_json(b.clone()),
        None => req.call(),
    };
    match result {
        Ok(r) => (r.status(), r.into_json().unwrap_or(Value::Null)),
        Err(ureq::Error::Status(s, r)) => (s, r.into_json().unwrap_or(Value::Null)),
        Err(e) => panic!("{method} {url}: {e}"),
    }
}

pub fn expect(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
    status: u16,
) -> Value {
    let (s, v) = call(agent, method, url, token, body);
    assert_eq!(s, status, "{method} {url}: {v}");
    v
}

pub fn post_csv(agent: &ureq::Agent, url: &str, token: &str, csv: &str) -> Value {
    let r = agent
        .post(url)
        .set("Authorization", &format!("Bearer {token}"))
        .set("Content-Type", "text/csv")
        .send_string(csv);
    match r {
        Ok(r) => r.into_json().unwrap_or(Value::Null),
        Err(e) => panic!("roster import: {e}"),
    }
}

/// The p-th percentile (0–100) of latencies in ms, nearest-rank.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

/// `a`'s fields and then `b`'s, both JSON objects, in one object.
pub fn merged(mut a: Value, b: Value) -> Value {
    if let (Some(a), Value::Object(b)) = (a.as_object_mut(), b) {
        a.extend(b);
    }
    a
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Peak resident memory of a process (VmHWM), MiB.
pub fn peak_rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(round2(kb / 1024.0))
}

/// Runs `work(thread, i)` for i in 0..total across `threads`, returning per-call latencies
/// (ms, sorted) and the wall time.
pub fn load<F>(threads: usize, total: usize, work: F) -> (Vec<f64>, Duration)
where
    F: Fn(usize, &ureq::Agent, usize) + Sync,
{
    let next = std::sync::atomic::AtomicUsize::new(0);
    let started = Instant::now();
    let mut all: Vec<f64> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..threads)
            .map(|t| {
                let (next, work) = (&next, &work);
                s.spawn(move || {
                    let agent = agent();
                    let mut lat = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= total {
                            break lat;
                        }
                        let t0 = Instant::now();
                        work(t, &agent, i);
                        lat.push(t0.elapsed().as_secs_f64() * 1000.0);
                    }
                })
            })
            .collect();
        hs.into_iter().flat_map(|h| h.join().expect("load thread")).collect()
    });
    let wall = started.elapsed();
    all.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    (all, wall)
}

/// Count, rate and percentiles of one operation's latencies over `wall`.
pub fn op_figures(lat: &mut [f64], wall: Duration) -> Value {
    lat.sort_by(|a, b| a.partial_cmp(b).expect("finite"));
    serde_json::json!({
        "count": lat.len(),
        "per_s": round2(lat.len() as f64 / wall.as_secs_f64()),
        "p50_ms": round2(percentile(lat, 50.0)),
        "p99_ms": round2(percentile(lat, 99.0)),
    })
}
