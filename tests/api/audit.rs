use crate::fixtures::world;
use diandan_testkit::{backend_tests, Backend};
use serde_json::{json, Value};
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
    // Committed entries are there at once, unsealed; the verification says how many.
    let unsealed = app.get("/api/v1/audit/verify", Some(&w.admin)).expect(200).clone();
    let n = app.count("audit_log");
    assert_eq!(
        (unsealed["ok"].as_bool(), unsealed["entries"].as_i64(), unsealed["unsealed"].as_i64()),
        (Some(true), Some(0), Some(n))
    );
    let (sealed, _) = app.seal();
    assert_eq!(sealed as i64, n);

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
    // One chain per community, one per district, the platform's for the rest.
    let chain_of = |action: &str| entries.iter().find(|e| e["action"] == action).unwrap()["chain"].clone();
    assert_eq!(chain_of("roster.import"), json!(w.community));
    assert_eq!(chain_of("district.create"), json!(format!("district:{}", w.district)));
    assert_eq!(chain_of("role.bootstrap_admin"), json!("platform"));
    let community: Vec<&Value> = entries.iter().filter(|e| e["chain"] == json!(w.community)).collect();
    assert!(community.len() >= 3, "{community:?}");
    for pair in community.windows(2) {
        // Newest first: each entry links to the one before it in its chain.
        assert_eq!(pair[0]["prev_hash"], pair[1]["hash"]);
        assert_eq!(pair[0]["seq"].as_i64().unwrap(), pair[1]["seq"].as_i64().unwrap() + 1);
    }
    assert_eq!(community.last().unwrap()["seq"], 1);
    assert_eq!(community.last().unwrap()["prev_hash"], diandan_domain::audit::GENESIS);
    app.get("/api/v1/audit", Some(&w.committee)).expect_problem(403, "forbidden");
    // Paging: the page before the second-newest entry starts with the third; a malformed id
    // (the fuzzer sent a NUL byte, which PostgreSQL refuses) is a 422, not a 500.
    let before = entries[1]["id"].as_str().unwrap();
    let page = app.get(&format!("/api/v1/audit?before={before}&limit=1"), Some(&w.admin)).expect(200).clone();
    assert_eq!(page[0]["id"], entries[2]["id"]);
    app.get("/api/v1/audit?before=%C3%A8%00x", Some(&w.admin)).expect_problem(422, "validation_failed");

    let verified = app.get("/api/v1/audit/verify", Some(&w.admin));
    assert_eq!((verified.expect(200)["ok"].as_bool(), verified.body["unsealed"].as_i64()), (Some(true), Some(0)));
    assert_eq!(verified.body["entries"], n);
    let chains = verified.body["chains"].as_array().unwrap();
    assert_eq!(chains.iter().map(|c| c["entries"].as_i64().unwrap()).sum::<i64>(), n);
    let mine = chains.iter().find(|c| c["chain"] == json!(w.community)).unwrap();
    assert_eq!((mine["entries"].as_i64(), &mine["head"]), (Some(community.len() as i64), &community[0]["hash"]));
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(ok, "{out}");
    assert!(out.contains(&format!("{n} entries in {} chains", chains.len())), "{out}");

    // Edit the community's entry 2 in place: the command names the chain and the entry.
    app.exec(&format!(
        "UPDATE audit_log SET detail = '{{\"name\":\"forged\"}}' WHERE chain = '{}' AND seq = 2",
        w.community
    ));
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(!ok);
    assert!(out.contains(&format!("chain {}: entry 2: contents do not match", w.community)), "{out}");
    assert_eq!(app.get("/api/v1/audit/verify", Some(&w.admin)).expect(200)["ok"], false);
}

fn deleting_the_newest_entry_is_found(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    app.seal();
    let chain = w.community.clone();
    let n = app.count(&format!("audit_log WHERE chain = '{chain}'"));
    app.exec(&format!("DELETE FROM audit_log WHERE chain = '{chain}' AND seq = {n}"));
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(!ok);
    assert!(out.contains(&format!("chain {chain}: entry {n}: missing")), "{out}");
}

fn entries_committed_but_not_sealed_are_reported_and_sealed_at_start(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    app.seal();
    // A change commits; the sealer has not run (as after a crash between commit and sealing).
    w.staff("audit-late", "committee", &w.community.clone());
    let pending = app.count("audit_log WHERE seq IS NULL");
    assert_eq!(pending, 3, "the account, the grant and the login");
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    assert!(ok, "{out}");
    assert!(out.contains("3 entries not sealed yet"), "{out}");
    // A server starting on this database seals them before it serves.
    let (mut server, _) = crate::live::start(&app.test_db);
    let (ok, out) = verify_audit(&app.test_db.url, &app.test_db.dir);
    server.kill().expect("stop server");
    let _ = server.wait();
    assert!(ok && !out.contains("not sealed"), "{out}");
    assert_eq!(app.count("audit_log WHERE seq IS NULL"), 0);
}

/// The verifier reads the chain heads and then the entries while the sealer moves both: it
/// must see them as of one moment, or a chain sealed in between looks cut off ("chain head
/// says 302 entries, log ends at 305" in CI). Entries are written and sealed as fast as the
/// database takes them while the chain is verified again and again.
fn verification_sees_one_moment_while_the_sealer_runs(b: Backend) {
    let Some(w) = world(b) else { return };
    let app = &w.app;
    let community = w.community.clone();
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let stop = AtomicBool::new(false);
    let written = AtomicUsize::new(0);
    let rounds = std::thread::scope(|s| {
        s.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                app.db
                    .write(|c| {
                        for n in 0..5 {
                            diandan_store::audit::append(
                                c,
                                diandan_store::audit::Event {
                                    actor_id: None,
                                    action: "test.sealing_race",
                                    object_type: "test",
                                    object_id: &n.to_string(),
                                    community_id: Some(&community),
                                    district_id: None,
                                    detail: json!({}),
                                },
                            )?;
                        }
                        Ok::<_, diandan_store::StoreError>(())
                    })
                    .expect("append");
                // This seal, or the server's own sealer running beside it.
                app.seal();
                written.fetch_add(5, Ordering::Relaxed);
            }
        });
        let mut rounds = 0;
        let mut broken = None;
        while broken.is_none() && (rounds < 150 || written.load(Ordering::Relaxed) < 500) {
            let v = diandan_app::audit::verify_chain(&app.db);
            broken = match v {
                Ok(v) if v.ok => None,
                Ok(v) => Some(format!("{:?}", v.broken)),
                Err(e) => Some(format!("{e:?}")),
            };
            rounds += 1;
        }
        // Stopped before asserting: the scope waits for the writer.
        stop.store(true, Ordering::Relaxed);
        assert_eq!(broken, None, "verified while sealing, round {rounds}");
        rounds
    });
    app.seal();
    let written = written.into_inner() as i64;
    assert!(rounds >= 150 && written >= 500);
    assert_eq!(app.count("audit_log WHERE action = 'test.sealing_race' AND seq IS NOT NULL"), written);
    let v = diandan_app::audit::verify_chain(&app.db).expect("verify");
    assert!(v.ok && v.unsealed == 0, "{:?}", v.broken);
}

backend_tests!(
    every_change_is_chained_and_tampering_is_named,
    deleting_the_newest_entry_is_found,
    entries_committed_but_not_sealed_are_reported_and_sealed_at_start,
    verification_sees_one_moment_while_the_sealer_runs
);
