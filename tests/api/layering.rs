//! The shape of the code, checked: the api crate's modules import each other without a circle
//! (each top-level module of `api/src` is a node, the `routes` folder one node; an edge is a
//! `crate::x` or `$crate::x` path in its source), and route files hold HTTP only — no store, no
//! transaction of their own: each calls a use case of `diandan-app`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn api_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read api/src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The node a file belongs to: its top-level module under `api/src`.
fn node_of(file: &Path) -> String {
    let rel = file.strip_prefix(api_src()).expect("under api/src");
    let first = rel.components().next().expect("a component").as_os_str().to_string_lossy().to_string();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules a source text names through `crate::` or `$crate::`, comments aside.
fn references(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
            rest = after;
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let files = rust_files(&api_src());
    let nodes: BTreeSet<String> = files.iter().map(|f| node_of(f)).collect();
    for file in &files {
        let from = node_of(file);
        let text = std::fs::read_to_string(file).expect("read source");
        let to = edges.entry(from.clone()).or_default();
        for r in references(&text) {
            // `crate::Foo` re-exports of lib.rs and the binary's own modules are not modules here.
            if r != from && nodes.contains(&r) {
                to.insert(r);
            }
        }
    }
    edges
}

/// A circle through `start`, if any (depth-first, the path kept).
fn circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, edges, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn api_modules_import_each_other_without_a_circle() {
    let edges = graph();
    // The finder finds circles: a made-up one is reported.
    let mut bad = edges.clone();
    bad.entry("state".into()).or_default().insert("routes".into());
    assert!(circle(&bad).is_some(), "state → routes → state is a circle");
    // The real graph has none, and the route table is no longer built by the state.
    assert_eq!(circle(&edges), None, "import circle between api modules");
    assert!(!edges["state"].contains("openapi") && !edges["state"].contains("routes"), "{:?}", edges["state"]);
    assert!(edges["routes"].contains("state"), "the graph is read: routes use the state");
}

/// Route files hold HTTP only: no store, no transaction of their own, no clock; the database is
/// reached through a use case of `diandan-app` (`blocking::run`).
#[test]
fn route_files_call_use_cases_and_never_the_store() {
    let files = rust_files(&api_src().join("routes"));
    assert!(files.len() > 90, "{} route files", files.len());
    let mut offenders = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("route source");
        for needle in ["diandan_store", "diesel", "blocking::read", "blocking::write", "web::block"] {
            if text.contains(needle) {
                offenders.push(format!("{}: {needle}", file.display()));
            }
        }
    }
    assert_eq!(offenders, Vec::<String>::new());
}

/// The type names the OpenAPI document takes its schemas from (`#[derive(.. ToSchema ..)]`
/// structs and enums of the api and app crates) are unique: utoipa names a schema by its type
/// name, so a second `GrantView` silently replaced the role-grant schema (seen once).
#[test]
fn schema_type_names_are_unique() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut twice = Vec::new();
    for dir in ["api/src", "crates/app/src", "crates/domain/src"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).expect("read source");
            let mut derives_schema = false;
            for line in text.lines().map(str::trim) {
                if line.starts_with("#[derive(") && line.contains("ToSchema") {
                    derives_schema = true;
                    continue;
                }
                if line.starts_with("#[") || line.starts_with("///") {
                    continue;
                }
                if derives_schema {
                    let name = ["pub struct ", "pub enum ", "struct ", "enum "]
                        .iter()
                        .find_map(|p| line.strip_prefix(p))
                        .map(|rest| {
                            rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("").to_string()
                        });
                    if let Some(name) = name.filter(|n| !n.is_empty()) {
                        if let Some(first) = seen.insert(name.clone(), file.clone()) {
                            twice.push(format!("{name}: {} and {}", first.display(), file.display()));
                        }
                    }
                }
                derives_schema = false;
            }
        }
    }
    assert!(seen.len() > 100, "found only {} schema types: the scan is broken", seen.len());
    assert!(twice.is_empty(), "schema type names used twice (one schema hides the other):\n{}", twice.join("\n"));
}
