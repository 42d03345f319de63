use diandan_testkit::{backend_tests, Backend, TestApp};

fn health_and_readiness(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    assert_eq!(app.get("/healthz", None).expect(200)["status"], "ok");
    let ready = app.get("/readyz", None);
    assert_eq!(ready.expect(200)["status"], "ready");
    assert_eq!(ready.body["database"], if b == Backend::Sqlite { "sqlite" } else { "postgres" });
    assert!(ready.header("x-request-id").is_some_and(|v| v.len() == 32));
}

fn openapi_is_served_and_committed(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let served = app.get("/openapi.yaml", None);
    assert_eq!(served.status, 200);
    assert!(served.content_type.starts_with("application/yaml"));
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml")).expect("openapi.yaml at the top level");
    assert!(served.text == committed, "openapi.yaml is stale: regenerate it with `cargo run -p diandan-api -- openapi > openapi.yaml`");
    for path in ["/api/v1/auth/wechat", "/api/v1/communities/{id}/roster", "/api/v1/bindings/{id}/approve", "/readyz"] {
        assert!(committed.contains(&format!("  {path}:")), "{path} documented");
    }
}

backend_tests!(health_and_readiness, openapi_is_served_and_committed);

/// The README's configuration table names every variable the service reads.
#[test]
fn readme_lists_every_variable() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README.md");
    for (name, default, _) in diandan_api::config::VARIABLES {
        assert!(readme.contains(&format!("| `{name}` | {default} |")), "README's configuration table lacks {name} (default {default})");
    }
}
