//! The two migration sets hold the same names and build the same tables and columns, and both
//! run up, down and up again.

use diandan_testkit::{Backend, TestDb};
use std::collections::BTreeSet;

fn dir_names(backend: &str) -> BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/").to_string() + backend;
    std::fs::read_dir(dir)
        .expect("migrations dir")
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect()
}

#[test]
fn migration_sets_have_the_same_names() {
    let (sqlite, postgres) = (dir_names("sqlite"), dir_names("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
}

fn columns(b: Backend) -> Option<BTreeSet<(String, String)>> {
    let db = TestDb::create(b)?;
    let store = db.open();
    store.migrate().expect("up");
    assert!(store.revert_all().expect("down") >= 1);
    store.migrate().expect("up again");
    Some(diandan_testkit::db::schema_columns(&store, b))
}

#[test]
fn both_backends_build_the_same_tables_up_down_up() {
    let sqlite = columns(Backend::Sqlite).expect("sqlite always runs");
    assert!(sqlite.contains(&("dwellings".into(), "area_centi".into())));
    if let Some(pg) = columns(Backend::Postgres) {
        assert_eq!(sqlite, pg);
    }
}
