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
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml"))
        .expect("openapi.yaml at the top level");
    assert!(
        diandan_api::openapi::yaml() == committed,
        "openapi.yaml is stale: regenerate it with `cargo run -p diandan-api -- openapi > openapi.yaml`"
    );
    // The server serves the committed document.
    assert!(served.text == committed);
    for path in ["/api/v1/auth/wechat", "/api/v1/communities/{id}/roster", "/api/v1/bindings/{id}/approve", "/readyz"] {
        assert!(committed.contains(&format!("  {path}:")), "{path} documented");
    }
}

backend_tests!(health_and_readiness, openapi_is_served_and_committed);

/// Clients are generated from the spec: every operation has its own camelCase operationId.
#[test]
fn operation_ids_are_unique_camel_case_names() {
    let doc = diandan_api::openapi::document();
    let mut seen = std::collections::BTreeMap::new();
    for (path, item) in &doc.paths.paths {
        let ops = [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let id = op.operation_id.clone().unwrap_or_default();
            let camel = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && id.chars().all(|c| c.is_ascii_alphanumeric());
            assert!(camel && id != "handler", "{method} {path}: operationId {id:?} is not a camelCase name");
            if let Some(other) = seen.insert(id.clone(), format!("{method} {path}")) {
                panic!("operationId {id} is used by {other} and by {method} {path}");
            }
        }
    }
    assert_eq!(seen.len(), 150, "every operation has an id");
}

/// The README's configuration table names every variable the service reads.
#[test]
fn readme_lists_every_variable() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).expect("README.md");
    for (name, default, _) in diandan_api::config::VARIABLES {
        assert!(
            readme.contains(&format!("| `{name}` | {default} |")),
            "README's configuration table lacks {name} (default {default})"
        );
    }
}
