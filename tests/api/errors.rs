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
    app.post("/api/v1/districts", Some(&admin), json!({ "name": "x", "extra": true })).expect_problem(422, "invalid_body");
    let big = json!({ "name": "x".repeat(70 * 1024) }).to_string();
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(big.as_bytes()), &[])
        .expect_problem(413, "body_too_large");
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    // Deeply nested JSON is refused at its first token, without recursing (no stack overflow).
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(deep.as_bytes()), &[])
        .expect_problem(422, "invalid_body");
    app.request("POST", "/api/v1/districts", Some(&admin), Some("application/json"), Some(b"{\"name\":\"\xff\xfe\"}"), &[])
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
    app.get("/api/v1/communities/01a20500-0000-7000-8000-000000000000/buildings", Some(&admin)).expect_problem(404, "not_found");
}

backend_tests!(framework_errors_are_problems, malformed_path_ids_are_not_found);
