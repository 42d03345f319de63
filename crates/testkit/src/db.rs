//! Fresh, isolated databases: an SQLite file in a temporary directory, or a PostgreSQL schema
//! of its own (selected with `search_path` in the connection URL), dropped afterwards.

use diandan_store::{Db, PoolOptions};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where PostgreSQL tests connect (a database on the machine's server; each test gets a schema).
pub fn postgres_base_url() -> String {
    std::env::var("DIANDAN_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub dir: PathBuf,
    schema: Option<String>,
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("diandan-test-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

impl TestDb {
    /// None when PostgreSQL is unreachable outside CI (the test is then skipped with a note);
    /// in CI (`CI` set) an unreachable PostgreSQL fails the test instead.
    pub fn create(backend: Backend) -> Option<TestDb> {
        let dir = temp_dir();
        match backend {
            Backend::Sqlite => Some(TestDb {
                backend,
                url: format!("sqlite://{}", dir.join("diandan.db").display()),
                dir,
                schema: None,
            }),
            Backend::Postgres => {
                use diesel::connection::SimpleConnection;
                use diesel::Connection;
                let base = postgres_base_url();
                let mut conn = match diesel::PgConnection::establish(&base) {
                    Ok(c) => c,
                    Err(e) if std::env::var_os("CI").is_none() => {
                        eprintln!("SKIPPED: PostgreSQL unreachable at {base}: {e}");
                        return None;
                    }
                    Err(e) => panic!("PostgreSQL unreachable at {base} (CI must not skip): {e}"),
                };
                let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
                conn.batch_execute(&format!("CREATE SCHEMA {schema}")).expect("create schema");
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
                Some(TestDb { backend, url, dir, schema: Some(schema) })
            }
        }
    }

    pub fn open(&self) -> Db {
        Db::open(&self.url, &PoolOptions { size: 4, ..Default::default() }).expect("open test database")
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(schema) = &self.schema {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut c) = diesel::PgConnection::establish(&postgres_base_url()) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// (table, column) pairs of the application's tables, read from the database's catalogue.
pub fn schema_columns(db: &Db, backend: Backend) -> std::collections::BTreeSet<(String, String)> {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Col {
        #[diesel(sql_type = diesel::sql_types::Text)]
        t: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        c: String,
    }
    let sql = match backend {
        Backend::Sqlite => "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '__diesel%'",
        Backend::Postgres => "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = current_schema() AND table_name NOT LIKE '__diesel%'",
    };
    let cols: Vec<Col> =
        db.read(|c| diesel::sql_query(sql).load(c).map_err(diandan_store::StoreError::from)).expect("introspect");
    cols.into_iter().map(|c| (c.t, c.c)).collect()
}
