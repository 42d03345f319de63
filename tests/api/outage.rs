//! A database outage: PostgreSQL (a cluster this test creates with initdb in a temporary
//! directory, on its own port — never the machine's shared server) is stopped for a few seconds
//! while owners vote. Meanwhile the service answers 503 problem+json, never another 5xx; when
//! the database returns it recovers by itself, and no acknowledged ballot is lost.

use crate::live::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// The PostgreSQL programs: `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin.
fn pg_bin() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output() {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir("/usr/lib/postgresql").ok()?.filter_map(|e| Some(e.ok()?.path().join("bin"))).collect();
    dirs.sort_by_key(|d| {
        d.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()).and_then(|v| v.parse::<u32>().ok())
    });
    dirs.into_iter().rev().find(|d| d.join("initdb").exists())
}

/// A throwaway cluster. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
}

impl Cluster {
    fn run(&self, program: &str, args: &[&str]) {
        let path = self.bin.join(program);
        let root = unsafe { libc::geteuid() } == 0;
        let mut cmd = if root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&path);
            c
        } else {
            Command::new(&path)
        };
        let out = cmd.args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            out.status.success(),
            "{program} {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn create() -> Option<Cluster> {
        let Some(bin) = pg_bin() else {
            assert!(std::env::var_os("CI").is_none(), "PostgreSQL programs (initdb) are missing; CI must have them");
            eprintln!("SKIPPED: no initdb on this machine");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("diandan-pg-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        if unsafe { libc::geteuid() } == 0 {
            let pw = unsafe { libc::getpwnam(c"postgres".as_ptr()) };
            assert!(!pw.is_null(), "running as root needs a postgres user to run PostgreSQL as");
            let (uid, gid) = unsafe { ((*pw).pw_uid, (*pw).pw_gid) };
            std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
        }
        let c = Cluster { bin, port: free_port(), dir };
        let data = c.data();
        c.run("initdb", &["-D", &data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        c.start();
        Some(c)
    }

    fn data(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    fn start(&self) {
        let opts = format!("-p {} -k {} -c listen_addresses=127.0.0.1", self.port, self.dir.display());
        let log = self.dir.join("log").display().to_string();
        self.run("pg_ctl", &["-D", &self.data(), "-l", &log, "-o", &opts, "-w", "start"]);
    }

    fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(self.bin.join("pg_ctl")).args(["-D", &self.data(), "-m", "immediate", "stop"]).output();
        if unsafe { libc::geteuid() } == 0 {
            let _ = Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(self.bin.join("pg_ctl"))
                .args(["-D", &self.data(), "-m", "immediate", "stop"])
                .output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn is_problem(v: &Value) -> bool {
    v["type"].as_str().is_some_and(|t| t.starts_with("urn:diandan:problem:")) && v["code"].is_string()
}

#[test]
fn postgres_outage_answers_503_and_recovers_without_losing_acknowledged_ballots() {
    let Some(cluster) = Cluster::create() else { return };
    let data_dir = cluster.dir.join("app");
    std::fs::create_dir_all(&data_dir).unwrap();
    let (server, base) = start_with(&cluster.url(), &data_dir);
    let _server = Reaper(server);
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(20)).build();
    let Vote { admin, cid, items, owners } = setup_vote(&agent, &base);

    let down = AtomicBool::new(false);
    let stop = AtomicBool::new(false);
    let unavailable = AtomicUsize::new(0);
    let acked_after_return = AtomicUsize::new(0);
    let acks: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
    let wrong: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut ready_while_down = None;
    std::thread::scope(|s| {
        for t in 0..6 {
            let (down, stop, unavailable, acked_after_return, acks, wrong) =
                (&down, &stop, &unavailable, &acked_after_return, &acks, &wrong);
            let (owners, items, cid, base) = (&owners, &items, &cid, &base);
            s.spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(20)).build();
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let owner = (t * 2 + n % 2) % owners.len();
                    n += 1;
                    let choice = ["support", "oppose"][n % 2];
                    let body =
                        json!({ "choices": { &items[0]: { "choice": choice }, &items[1]: { "choice": "abstain" } } });
                    let url = format!("{base}/api/v1/consultations/{cid}/ballot");
                    match call(&agent, "POST", &url, Some(&owners[owner]), Some(body), &[]) {
                        Ok((201, v)) => {
                            acks.lock().unwrap().push((owner, v["receipt"].as_str().unwrap().to_string()));
                            if !down.load(Ordering::Relaxed) && unavailable.load(Ordering::Relaxed) > 0 {
                                acked_after_return.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        Ok((503, v)) if is_problem(&v) => {
                            unavailable.fetch_add(1, Ordering::Relaxed);
                            std::thread::sleep(Duration::from_millis(50));
                        }
                        Ok((s, v)) => wrong.lock().unwrap().push(format!("{s}: {v}")),
                        Err(e) => wrong.lock().unwrap().push(format!("transport: {e}")),
                    }
                }
            });
        }
        std::thread::sleep(Duration::from_millis(800));
        cluster.stop();
        down.store(true, Ordering::Relaxed);
        std::thread::sleep(Duration::from_millis(1500));
        ready_while_down = Some(call(&agent, "GET", &format!("{base}/readyz"), None, None, &[]));
        std::thread::sleep(Duration::from_millis(1500));
        stop.store(true, Ordering::Relaxed);
    });
    // The database returns. Reads first, alone: connections that died with the server must be
    // replaced, not handed out again and again.
    cluster.start();
    down.store(false, Ordering::Relaxed);
    let read = format!("{base}/api/v1/consultations/{cid}");
    let reads: Vec<u16> =
        (0..30).map(|_| call(&agent, "GET", &read, Some(&admin), None, &[]).map(|(s, _)| s).unwrap_or(0)).collect();
    assert!(reads[10..].iter().all(|s| *s == 200), "reads after the database returned: {reads:?}");
    // Then votes again.
    for n in 0..20 {
        let body = json!({ "choices": { &items[0]: { "choice": "support" }, &items[1]: { "choice": "abstain" } } });
        let (s, v) = call(
            &agent,
            "POST",
            &format!("{base}/api/v1/consultations/{cid}/ballot"),
            Some(&owners[n % owners.len()]),
            Some(body),
            &[],
        )
        .unwrap();
        assert_eq!(s, 201, "{v}");
        acks.lock().unwrap().push((n % owners.len(), v["receipt"].as_str().unwrap().to_string()));
        acked_after_return.fetch_add(1, Ordering::Relaxed);
    }
    let wrong = wrong.into_inner().unwrap();
    assert!(wrong.is_empty(), "answers other than 201 or 503 problem+json: {wrong:?}");
    let (status, body) = ready_while_down.unwrap().expect("readyz answers while the database is down");
    assert_eq!(status, 503, "readyz while down: {body}");
    assert!(unavailable.load(Ordering::Relaxed) > 0, "no 503 seen while the database was down");
    assert!(acked_after_return.load(Ordering::Relaxed) >= 20, "the service did not recover by itself");
    let (status, _) = call(&agent, "GET", &format!("{base}/readyz"), None, None, &[]).unwrap();
    assert_eq!(status, 200);

    // A restart while the service is idle leaves every pooled connection dead without any
    // request noticing: the first reads afterwards may fail once per dead connection, then the
    // pool must have replaced them.
    cluster.stop();
    cluster.start();
    let reads: Vec<u16> =
        (0..30).map(|_| call(&agent, "GET", &read, Some(&admin), None, &[]).map(|(s, _)| s).unwrap_or(0)).collect();
    eprintln!("reads after an idle restart: {reads:?}");
    assert!(reads.iter().all(|s| *s == 200 || *s == 503), "only 503 while a dead connection is found out: {reads:?}");
    assert!(reads[10..].iter().all(|s| *s == 200), "reads after an idle restart of the database: {reads:?}");

    // No acknowledged ballot is lost; the audit chain verifies.
    let acks = acks.into_inner().unwrap();
    for (i, token) in owners.iter().enumerate() {
        let mine: Vec<&String> = acks.iter().filter(|(o, _)| *o == i).map(|(_, r)| r).collect();
        if mine.is_empty() {
            continue;
        }
        let ballot = ok(&agent, "GET", &format!("{base}/api/v1/consultations/{cid}/ballot"), Some(token), None, 200);
        let stored: Vec<&str> =
            ballot["versions"].as_array().unwrap().iter().filter_map(|v| v["receipt"].as_str()).collect();
        for r in mine {
            assert!(stored.contains(&r.as_str()), "acknowledged ballot {r} lost in the outage");
        }
    }
    let verified = ok(&agent, "GET", &format!("{base}/api/v1/audit/verify"), Some(&admin), None, 200);
    assert_eq!(verified["ok"], true, "{verified}");
    eprintln!("{} acknowledged, {} answered 503 during the outage", acks.len(), unavailable.load(Ordering::Relaxed));
}
