//! Defects a hostile caller found (issue "Hardening"): each test failed on the code before the
//! fix. Login bursts, secrets in the log, uploads before permission, slow bodies, file modes.

use crate::live::{free_port, wait_ready, Reaper};
use diandan_testkit::{backend_tests, Backend, TestApp, TestDb};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Parallel wrong guesses: only the limit's worth are hashed (answered 401); the rest, and the
/// right password after them, are refused with 429 before any hash. The counters live in the
/// database, so a second instance on it refuses too.
fn parallel_guesses_are_counted_before_the_hash(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.login_attempts_per_address = 1000).start() else { return };
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..40)
            .map(|i| {
                let app = &app;
                s.spawn(move || {
                    app.post(
                        "/api/v1/auth/login",
                        None,
                        json!({ "username": "admin", "password": format!("wrong-guess-{i}") }),
                    )
                    .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let hashed = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((hashed, refused), (5, 35), "{statuses:?}");
    app.post("/api/v1/auth/login", None, json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }))
        .expect_problem(429, "too_many_attempts");
    let other = app.other_instance();
    app.post_to(
        &other.base,
        "/api/v1/auth/login",
        None,
        json!({ "username": "admin", "password": diandan_testkit::ADMIN_PASSWORD }),
    )
    .expect_problem(429, "too_many_attempts");
    // The account's counter is one row; the address's holds the 5 attempts that were made.
    assert_eq!(app.count("login_throttle"), 2);
}

/// A burst of guesses split across two instances on one database: together they hash no more
/// than the limit, whichever instance a request reaches.
fn two_instances_share_one_limit(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.login_attempts_per_address = 1000).start() else { return };
    let other = app.other_instance();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..30)
            .map(|i| {
                let (app, base) = (&app, if i % 2 == 0 { app.base.clone() } else { other.base.clone() });
                s.spawn(move || {
                    app.post_to(
                        &base,
                        "/api/v1/auth/login",
                        None,
                        json!({ "username": "nobody", "password": format!("guess-{i}") }),
                    )
                    .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 5, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 25, "{statuses:?}");
}

const SECRET: &str = "wechat-secret-4b1f0c9e";
const USER_CODE: &str = "user-login-code-77e2";
const PHONE_CODE: &str = "phone-code-5d3a91";

/// The real binary, with WeChat at a port nobody listens on and the most verbose log: the
/// secret and the users' codes must not appear in anything it prints.
fn wechat_secret_and_codes_never_reach_the_log(b: Backend) {
    let Some(db) = TestDb::create(b) else { return };
    let port = free_port();
    let dead_wechat = format!("http://127.0.0.1:{}", free_port());
    let log = db.dir.join("server.log");
    let child = Command::new(env!("CARGO_BIN_EXE_diandan"))
        .arg("serve")
        .env("DATABASE_URL", &db.url)
        .env("DIANDAN_DATA_DIR", &db.dir)
        .env("DIANDAN_ADDR", format!("127.0.0.1:{port}"))
        .env("DIANDAN_ADMIN_PASSWORD", "log-test-admin-password")
        .env("DIANDAN_DEV_LOGIN", "1")
        .env("WECHAT_API_BASE", &dead_wechat)
        .env("WECHAT_APPID", "wx-log-test")
        .env("WECHAT_SECRET", SECRET)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::from(std::fs::File::create(&log).unwrap()))
        .stderr(Stdio::from(std::fs::File::options().append(true).open(&log).unwrap()))
        .spawn()
        .expect("start diandan");
    let server = Reaper(child);
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&base);
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(10)).build();
    let status = |r: Result<ureq::Response, ureq::Error>| match r {
        Ok(r) => r.status(),
        Err(ureq::Error::Status(s, _)) => s,
        Err(e) => panic!("{e}"),
    };
    let login = agent.post(&format!("{base}/api/v1/auth/wechat")).send_json(json!({ "code": USER_CODE }));
    assert_eq!(status(login), 503);
    // A development login, then a real phone code: the access-token call fails the same way.
    let token: serde_json::Value = agent
        .post(&format!("{base}/api/v1/auth/wechat"))
        .send_json(json!({ "code": "dev:logtest" }))
        .unwrap()
        .into_json()
        .unwrap();
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let phone = agent
        .post(&format!("{base}/api/v1/me/phone"))
        .set("authorization", &bearer)
        .send_json(json!({ "code": PHONE_CODE }));
    assert_eq!(status(phone), 503);
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("WeChat unreachable"), "the failure is logged: {text}");
    for needle in [SECRET, USER_CODE, PHONE_CODE, "secret=", "js_code=", "access_token="] {
        assert!(!text.contains(needle), "{needle:?} appears in the log:\n{text}");
    }
}

/// Sends a request head declaring `declared` body bytes and then only `sent` of them; returns
/// the status line and how long the answer took.
fn partial_upload(
    app: &TestApp,
    path: &str,
    token: &str,
    content_type: &str,
    declared: usize,
    sent: usize,
) -> (String, Duration) {
    let addr = app.base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let t0 = Instant::now();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: {content_type}\r\nContent-Length: {declared}\r\n\r\n"
    )
    .unwrap();
    s.write_all(&vec![b'x'; sent]).unwrap();
    let mut buf = [0u8; 4096];
    let n = s.read(&mut buf).unwrap_or(0);
    let text = String::from_utf8_lossy(&buf[..n]).to_string();
    (text.lines().next().unwrap_or("").to_string(), t0.elapsed())
}

/// A resident's 30 MB roster upload is refused before its body is sent; so is an admin's
/// upload that declares more than the limit.
fn refused_uploads_are_answered_before_the_body(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.upload_limit = 1024 * 1024).start() else { return };
    let admin = app.admin();
    let d = app.post("/api/v1/districts", Some(&admin), json!({ "name": "和平街道" })).expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let c = app
        .post(
            "/api/v1/communities",
            Some(&admin),
            json!({ "district_id": d, "name": "幸福里", "address": "和平路1号", "year_built": 1990 }),
        )
        .expect(201)["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (resident, _) = app.resident("uploader");
    let path = format!("/api/v1/communities/{c}/roster");
    let (line, took) = partial_upload(&app, &path, &resident, "text/csv", 30 * 1024 * 1024, 64 * 1024);
    assert!(line.contains(" 403 "), "{line}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let (line, took) = partial_upload(&app, &path, &admin, "text/csv", 2 * 1024 * 1024, 1024);
    assert!(line.contains(" 413 "), "{line}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    assert_eq!(app.count("dwellings"), 0);
}

/// A body sent too slowly is answered 408 `body_timeout` at its deadline and the connection
/// closed, instead of holding the socket for ever.
fn slow_bodies_time_out(b: Backend) {
    let Some(app) = TestApp::builder(b).config(|c| c.body_timeout = Duration::from_secs(2)).start() else { return };
    let addr = app.base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let t0 = Instant::now();
    write!(s, "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"user")
        .unwrap();
    let mut answer = Vec::new();
    s.read_to_end(&mut answer).unwrap();
    let took = t0.elapsed();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"body_timeout\""), "{text}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(6), "{took:?}");
}

/// A name shown to others may not hide or reorder characters (`\u{2067}admin\u{2069}` reads
/// as "admin"); the refusal names the field and nothing changes.
fn disguised_names_are_refused(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let admin = app.admin();
    let (resident, _) = app.resident("bidi");
    for name in ["\u{2067}admin\u{2069}", "张\u{200b}三", "\u{202e}nimda"] {
        let r = app.request(
            "PATCH",
            "/api/v1/me",
            Some(&resident),
            Some("application/json"),
            Some(json!({ "display_name": name }).to_string().as_bytes()),
            &[],
        );
        assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "display_name", "{name:?}");
        let r = app.post(
            "/api/v1/users",
            Some(&admin),
            json!({ "username": "wang", "password": "committee-password", "display_name": name }),
        );
        assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "display_name");
        let r = app.post("/api/v1/districts", Some(&admin), json!({ "name": name }));
        assert_eq!(r.expect_problem(422, "validation_failed").body["errors"][0]["field"], "name");
    }
    assert_eq!(app.count("districts"), 0);
    assert_eq!(app.count("users"), 2, "the admin and the resident");
}

/// The data directory is created 0700, the database and its WAL 0600.
fn data_files_are_private(b: Backend) {
    use std::os::unix::fs::PermissionsExt;
    if b != Backend::Sqlite {
        return; // PostgreSQL keeps its files in its own cluster directory.
    }
    let root = tempfile_dir();
    let data = root.join("fresh-data");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_diandan"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("DIANDAN_DATA_DIR", &data)
        .env("DIANDAN_ADDR", format!("127.0.0.1:{port}"))
        .env("DIANDAN_ADMIN_PASSWORD", "mode-test-admin-password")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start diandan");
    let server = Reaper(child);
    wait_ready(&format!("http://127.0.0.1:{port}"));
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(5)).build();
    agent
        .post(&format!("http://127.0.0.1:{port}/api/v1/auth/login"))
        .send_json(json!({ "username": "admin", "password": "mode-test-admin-password" }))
        .unwrap();
    let mode = |p: &std::path::Path| {
        std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())).permissions().mode() & 0o777
    };
    assert_eq!(mode(&data), 0o700);
    for name in ["diandan.db", "diandan.db-wal", "diandan.db-shm", "jwt-secret"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&root);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("diandan-modes-{}", diandan_store::clock::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

backend_tests!(
    parallel_guesses_are_counted_before_the_hash,
    two_instances_share_one_limit,
    wechat_secret_and_codes_never_reach_the_log,
    refused_uploads_are_answered_before_the_body,
    slow_bodies_time_out,
    data_files_are_private,
    disguised_names_are_refused,
);
