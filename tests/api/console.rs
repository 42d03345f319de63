//! The staff console as the binary serves it: the page at `/` under a strict CSP, hashed
//! assets cached for a year and gzip'd, and committed assets that match their sources.

use diandan_testkit::{backend_tests, Backend, TestApp};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

fn console_page_and_assets(b: Backend) {
    let Some(app) = TestApp::start(b) else { return };
    let page = app.get("/", None);
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.text.contains("<div id=\"app\"></div>"), "{}", page.text);
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    let csp = page.header("content-security-policy").expect("CSP on the console");
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(page.header("x-frame-options"), Some("DENY"));
    // The page has no inline script or style for the CSP to refuse.
    assert!(!page.text.contains("<script>") && !page.text.contains("<style"), "{}", page.text);

    // Every script and stylesheet the page names is served, immutable, and gzip'd on request.
    let assets: Vec<&str> = page.text.split('"').filter(|s| s.starts_with("/assets/")).collect();
    assert!(assets.iter().any(|a| a.ends_with(".js")) && assets.iter().any(|a| a.ends_with(".css")), "{assets:?}");
    for path in assets.iter().filter(|a| a.ends_with(".js") || a.ends_with(".css")) {
        let plain = app.get(path, None);
        assert_eq!(plain.status, 200, "{path}");
        assert_eq!(plain.header("cache-control"), Some("public, max-age=31536000, immutable"), "{path}");
        assert!(plain.header("content-encoding").is_none());
        let zipped = app.request("GET", path, None, None, None, &[("Accept-Encoding", "gzip, br")]);
        assert_eq!(zipped.header("content-encoding"), Some("gzip"), "{path}");
        assert!(zipped.bytes.len() < plain.bytes.len(), "{path}: gzip saves something");
        if plain.bytes.len() > 10_000 {
            assert!(zipped.bytes.len() * 2 < plain.bytes.len(), "{path}: gzip saves at least half of a large asset");
        }
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.bytes[..]).read_to_end(&mut unzipped).unwrap();
        assert!(unzipped == plain.bytes, "{path}: the gzip'd body is the asset");
    }
    app.get("/assets/none-such.js", None).expect_problem(404, "not_found");
    // The API keeps its own answers; frames are refused everywhere.
    let api = app.get("/api/v1/me", None);
    api.expect_problem(401, "missing_token");
    assert_eq!(api.header("x-frame-options"), Some("DENY"));
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
}

backend_tests!(console_page_and_assets);

/// `console/dist` is built output, committed so that running the server needs no node; the
/// build records the SHA-256 of its inputs in `dist/.sources` (console/scripts/sources.mjs),
/// and this recomputes it: a change to the console or to openapi.yaml without a rebuild fails.
#[test]
fn console_assets_are_fresh() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let recorded = std::fs::read_to_string(repo.join("console/dist/.sources")).expect("console/dist/.sources");
    let mut files = Vec::new();
    walk(&repo, "console", &mut files);
    files.push("openapi.yaml".to_string());
    files.sort();
    let mut all = Sha256::new();
    for f in &files {
        let h = hex::encode(Sha256::digest(std::fs::read(repo.join(f)).unwrap()));
        all.update(format!("{f}\n{h}\n"));
    }
    assert_eq!(
        recorded.trim(),
        hex::encode(all.finalize()),
        "console/dist is stale: run `npm ci && npm run build` in console/ and commit dist/"
    );
}

fn walk(repo: &Path, rel: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(repo.join(rel)).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if matches!(name.as_str(), "node_modules" | "dist" | ".vite") {
            continue;
        }
        let path = format!("{rel}/{name}");
        if repo.join(&path).is_dir() {
            walk(repo, &path, out);
        } else if path != "console/src/api/schema.d.ts" {
            out.push(path);
        }
    }
}
