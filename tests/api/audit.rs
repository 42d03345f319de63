use crate::fixtures::world;
use diandan_testkit::{backend_tests, Backend};
use std::process::Command;

fn verify_audit(url: &str, dir: &std::path::Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_diandan"))
        .arg("verify-audit")
        .env("DATABASE_URL", url)
        .env("DIANDAN_DATA_DIR", dir)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run diandan verify-audit");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).to_string())
}

fn every_change_is_chained_and_tampering_is_named(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let log = app.get("/api/v1/audit", Some(&w.admin));
    let entries = log.expect(200).as_array().unwrap().clone();
    let actions: Vec<&str> = entries.iter().rev().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in [
        "role.bootstrap_admin",
        "session.start",
        "district.create",
        "community.create",
        "roster.import",
        "user.create_staff",
        "role.grant",
    ] {
        assert!(actions.contains(&expected), "{expected} missing from {actions:?}");
    }
    assert_eq!(entries[0]["prev_hash"], entries[1]["hash"], "newest links to the one before");
    app.get("/api/v1/audit", Some(&w.committee)).expect_problem(403, "forbidden");

    let verified = app.get("/api/v1/audit/verify", Some(&w.admin));
    assert_eq!(verified.expect(200)["ok"], true);
    let n = app.count("audit_log");
    assert_eq!(verified.body["entries"], n);
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("{n} entries")), "{out}");

    // Edit entry 4's detail in place: the command names entry 4.
    app.exec("UPDATE audit_log SET detail = '{\"name\":\"forged\"}' WHERE seq = 4");
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(!ok);
    assert!(out.contains("entry 4: contents do not match"), "{out}");
    assert_eq!(app.get("/api/v1/audit/verify", Some(&w.admin)).expect(200)["ok"], false);
}

fn deleting_the_newest_entry_is_found(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let n = app.count("audit_log");
    app.exec(&format!("DELETE FROM audit_log WHERE seq = {n}"));
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(!ok);
    assert!(out.contains(&format!("entry {n}: missing")), "{out}");
}

backend_tests!(every_change_is_chained_and_tampering_is_named, deleting_the_newest_entry_is_found);
