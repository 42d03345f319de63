//! Every error, the framework's included, is problem+json with a stable code, and bad input
//! stores nothing.

use diandan_testkit::{backend_tests, Backend, TestApp};
use serde_json::json;

fn framework_errors_are_problems(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let admin = app.admin();
    app.get("/api/v1/no-such-thing", None).expect_problem(404, "not_found");
    let r = app.delete("/api/v1/districts", Some(&admin));
    r.expect_problem(405, "method_not_allowed");
    assert_eq!(r.header("allow"), Some("GET, POST"));

    let audit_before = app.count("audit_log");
    let districts_before = app.count("districts");
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(b"{\"name\": "), &[])
        .expect_problem(400, "malformed_json");
    app.request("POST", "/api/v1/districts", Some(&admin), Some("text/plain"), Some(b"{\"name\":\"x\"}"), &[])
        .expect_problem(415, "unsupported_media_type");
    app.post("/api/v1/districts", Some(&admin), json!({ "name": 5 })).expect_problem(422, "invalid_body");
    app.post("/api/v1/districts", Some(&admin), json!({ "name": "x", "extra": true }))
        .expect_problem(422, "invalid_body");
    let big = json!({ "name": "x".repeat(70 * 1024) }).to_string();
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(big.as_bytes()), &[])
        .expect_problem(413, "body_too_large");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    // Deeply nested JSON is refused at its first token, without recursing (no stack overflow).
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(deep.as_bytes()), &[])
        .expect_problem(422, "invalid_body");
    app.request(
        "POST",
        "/api/v1/districts",
        Some(&admin),
        Some("application/json"),
        Some(b"{\"name\":\"\xff\xfe\"}"),
        &[],
    )
    .expect_problem(400, "malformed_json");
    let v = app.post("/api/v1/districts", Some(&admin), json!({ "name": "  " }));
    v.expect_problem(422, "validation_failed");
    assert_eq!(v.body["errors"][0]["field"], "name");
    // The admin logged in before the counts were taken: none of the above stored anything.
    assert_eq!(app.count("districts"), districts_before);
    assert_eq!(app.count("audit_log"), audit_before);
}

fn malformed_path_ids_are_not_found(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let admin = app.admin();
    app.get("/api/v1/communities/not-a-uuid", Some(&admin)).expect_problem(404, "not_found");
    app.get("/api/v1/communities/' OR 1=1 --", Some(&admin)).expect_problem(404, "not_found");
    app.get("/api/v1/communities/01a20500-0000-7000-8000-000000000000/buildings", Some(&admin))
        .expect_problem(404, "not_found");
}

/// Values that are not what a field holds are refused and store nothing; hostile free text is
/// kept as text, never run (no SQL injection, escaped in every answer).
fn hostile_values_are_refused_or_kept_as_text(b: Backend) {
    let Some(w) = crate::fixtures::world(b) else { return };
    let app = &w.app;
    let (zhang, _) = app.resident("zhang");
    app.verify_phone(&zhang, "13800000001");
    app.post(
        "/api/v1/bindings",
        Some(&zhang),
        json!({ "dwelling_id": w.dwelling("1号楼", "1单元", "101"), "relation": "owner" }),
    )
    .expect(201);
    let complaints = format!("/api/v1/communities/{}/complaints", w.community);
    let before = (app.count("complaints"), app.count("audit_log"), app.count("users"));
    // Huge numbers, wrong types, SQL in enumerations and ids, dates that are not dates.
    let hostile = [
        json!({ "category": "property_repairs' OR '1'='1", "description": "x", "location_kind": "public", "place": "p" }),
        json!({ "category": "other", "description": "x", "location_kind": "public; DROP TABLE complaints", "place": "p" }),
        json!({ "category": "other", "description": "x", "location_kind": "public", "place": "p", "dwelling_id": "1 OR 1=1" }),
        json!({ "category": "other", "description": "x", "location_kind": "public", "place": "p", "urgency": 1e300 }),
        json!({ "category": "other", "description": "x".repeat(2001), "location_kind": "public", "place": "p" }),
    ];
    for body in hostile {
        let r = app.post(&complaints, Some(&zhang), body);
        assert!(r.status == 422, "expected 422, got {} {}", r.status, r.text);
        r.code();
    }
    let period = app.post(
        "/api/v1/rating-periods",
        Some(&w.admin),
        json!({ "district_id": w.district, "name": "Q", "closes_at": "2999-01-01T00:00:00Z" }),
    );
    period.expect_problem(422, "validation_failed");
    let r = app.request(
        "POST",
        "/api/v1/rating-periods",
        Some(&w.admin),
        Some("application/json"),
        Some(
            format!("{{\"district_id\":\"{}\",\"name\":\"Q\",\"closes_at\":\"tomorrow'; --\"}}", w.district).as_bytes(),
        ),
        &[],
    );
    r.expect_problem(422, "invalid_body");
    for q in ["limit=99999999999999999999999", "status=closed'--", "overdue=maybe"] {
        let r = app.get(&format!("{complaints}?{q}"), Some(&zhang));
        assert!((400..500).contains(&r.status), "{q}: {} {}", r.status, r.text);
        r.code();
    }
    assert_eq!((app.count("complaints"), app.count("audit_log"), app.count("users")), before, "nothing stored");

    // Free text is text: stored as written, returned escaped, tables intact.
    // A NUL character is refused on both backends (PostgreSQL cannot store it in text).
    let nul = app.post(
        &complaints,
        Some(&zhang),
        json!({ "category": "other", "description": "a\u{0000}b", "location_kind": "public", "place": "p" }),
    );
    nul.expect_problem(422, "invalid_text");
    assert_eq!(app.count("complaints"), before.0);
    let text = "<script>alert(1)</script>'; DROP TABLE users; -- \\u0000 𠮷";
    let r = app.post(
        &complaints,
        Some(&zhang),
        json!({ "category": "other", "description": text, "location_kind": "public", "place": "\"><img src=x>" }),
    );
    let id = r.expect(201)["id"].as_str().unwrap().to_string();
    let back = app.get(&format!("/api/v1/complaints/{id}"), Some(&zhang));
    assert_eq!(back.expect(200)["description"], text);
    assert_eq!(back.body["location"]["place"], "\"><img src=x>");
    assert!(back.content_type.starts_with("application/json"));
    assert_eq!(app.count("users"), before.2, "the users table is still there");
}

backend_tests!(
    framework_errors_are_problems,
    malformed_path_ids_are_not_found,
    hostile_values_are_refused_or_kept_as_text
);

/// The published list of codes is the one the code answers with: `docs/error-codes.md` is
/// generated from `diandan_app::Code` and the spec, and is committed fresh.
#[test]
fn error_codes_are_published_fresh() {
    let doc = diandan_api::openapi::document();
    let fresh = diandan_api::openapi_codes::markdown(&doc);
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/error-codes.md")).unwrap_or_default();
    assert!(
        fresh == committed,
        "docs/error-codes.md is stale: regenerate it with `diandan error-codes > docs/error-codes.md`"
    );
    for code in diandan_app::Code::ALL {
        assert!(committed.contains(&format!("| `{}` | {} |", code, code.status())), "{code} published");
    }
}

/// Every code is answered by something: its variant is named outside the table that defines it
/// (a code nothing returns fails here), and the spec's answers name only codes of the table.
#[test]
fn every_error_code_is_returned_somewhere() {
    fn sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).expect("source folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("app/src/error.rs") {
                out.push_str(&std::fs::read_to_string(&path).expect("source"));
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut text = String::new();
    sources(&root.join("api/src"), &mut text);
    sources(&root.join("crates/app/src"), &mut text);
    let unused: Vec<&str> = diandan_app::Code::ALL
        .iter()
        .filter(|c| !text.contains(&format!("Code::{}", c.variant())))
        .map(|c| c.as_str())
        .collect();
    assert_eq!(unused, Vec::<&str>::new(), "codes nothing returns: remove them from diandan_app::Code");
    // Built without panicking: every code named in an answer exists and has that status; and
    // every code an operation answers is listed by it (the framework's own aside).
    let by_code = diandan_api::openapi_codes::operations_by_code(&diandan_api::openapi::document());
    assert!(by_code[&diandan_app::Code::VotingClosed].contains(&"castBallot".to_string()));
    let unlisted: Vec<&str> = by_code
        .iter()
        .filter(|(c, ops)| ops.is_empty() && !diandan_api::openapi_codes::ANY_REQUEST.contains(c))
        .map(|(c, _)| c.as_str())
        .collect();
    assert_eq!(unlisted, Vec::<&str>::new(), "codes no operation of the spec lists");
}
