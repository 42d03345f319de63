//! The database handle: pools, transactions, migrations.
//!
//! SQLite gets one writer connection (more writers only add busy retries and tail latency) and
//! a small read pool; PostgreSQL shares one pool for both. Every write runs in one transaction,
//! which on SQLite begins IMMEDIATE so that it never fails half-way on a lock upgrade.

use crate::conn::{parse_url, AnyConnection, BackendKind, Manager};
use crate::error::{StoreError, StoreResult};
use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::r2d2::Pool;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

#[derive(Debug, Clone)]
pub struct PoolOptions {
    /// Read connections (SQLite) or all connections (PostgreSQL).
    pub size: u32,
    /// How long a request waits for a connection before the service answers 503.
    pub checkout_timeout: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions { size: 8, checkout_timeout: Duration::from_secs(5) }
    }
}

#[derive(Clone)]
pub struct Db {
    kind: BackendKind,
    write: Pool<Manager>,
    read: Pool<Manager>,
}

impl Db {
    /// Opens pools for `url`. An SQLite file (and its directory) is created if missing and put
    /// in WAL mode. Does not run migrations: call [`Db::migrate`].
    pub fn open(url: &str, opts: &PoolOptions) -> StoreResult<Db> {
        let (kind, target) = parse_url(url);
        let builder =
            || Pool::builder().connection_timeout(opts.checkout_timeout).min_idle(Some(1)).test_on_check_out(false);
        match kind {
            BackendKind::Sqlite => {
                private_database_file(std::path::Path::new(&target))
                    .map_err(|e| StoreError::Unavailable(format!("cannot create {target}: {e}")))?;
                // WAL is a property of the file: set it once, before the pools open.
                {
                    let mut c = Manager::new(url).connect_raw()?;
                    c.batch_execute("PRAGMA journal_mode = WAL;")?;
                }
                let write = builder().max_size(1).build(Manager::new(url))?;
                let read = builder().max_size(opts.size.max(1)).build(Manager::new(url))?;
                Ok(Db { kind, write, read })
            }
            BackendKind::Postgres => {
                let pool = builder().max_size(opts.size.max(2)).build(Manager::new(url))?;
                Ok(Db { kind, write: pool.clone(), read: pool })
            }
        }
    }

    pub fn kind(&self) -> BackendKind {
        self.kind
    }

    /// Applies pending migrations; returns the versions applied.
    pub fn migrate(&self) -> StoreResult<Vec<String>> {
        let mut conn = self.write.get()?;
        crate::chains::begin_startup(&mut conn.conn)?;
        let applied = match &mut conn.conn {
            AnyConnection::Sqlite(c) => {
                c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect())
            }
            AnyConnection::Postgresql(c) => {
                c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|v| v.iter().map(|m| m.to_string()).collect())
            }
        };
        crate::chains::end_startup(&mut conn.conn)?;
        applied.map_err(|e| StoreError::Other(format!("migration failed: {e}")))
    }

    /// Reverts every migration, newest first (used by the up/down/up test).
    pub fn revert_all(&self) -> StoreResult<usize> {
        let mut conn = self.write.get()?;
        let reverted = match &mut conn.conn {
            AnyConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            AnyConnection::Postgresql(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(|v| v.len()),
        };
        reverted.map_err(|e| StoreError::Other(format!("revert failed: {e}")))
    }

    /// Runs `f` on a read connection, outside any explicit transaction.
    pub fn read<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut pooled = self.read.get().map_err(StoreError::from)?;
        let result = f(&mut pooled.conn);
        if result.is_err() {
            pooled.check();
        }
        result
    }

    /// Runs `f` on a read connection inside one read-only transaction, so that every statement
    /// of `f` sees the same snapshot (REPEATABLE READ on PostgreSQL; a deferred transaction on
    /// SQLite, whose WAL readers keep the snapshot of their first read). For readers that
    /// compare rows read by several statements while writers commit in between — the audit
    /// verifier reads the chain heads, then the entries, while the sealer moves both.
    pub fn snapshot<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        type Tm = <AnyConnection as Connection>::TransactionManager;
        let mut pooled = self.read.get().map_err(StoreError::from)?;
        let conn = &mut pooled.conn;
        let begun = match conn {
            AnyConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN DEFERRED"),
            AnyConnection::Postgresql(c) => {
                AnsiTransactionManager::begin_transaction_sql(c, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            }
        };
        let result = begun.map_err(StoreError::from).map_err(E::from).and_then(|()| f(conn));
        // Nothing was written: the end of the transaction only releases the snapshot.
        let ended = Tm::rollback_transaction(conn);
        if result.is_err() || ended.is_err() {
            pooled.check();
        }
        result
    }

    /// Runs `f` in one write transaction: committed when `f` returns Ok, rolled back otherwise.
    pub fn write<T, E>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let mut pooled = self.write.get().map_err(StoreError::from)?;
        let result = transaction(&mut pooled.conn, f);
        if result.is_err() {
            pooled.check();
        }
        result
    }

    /// True when a trivial query succeeds (for `/readyz`).
    pub fn ping(&self) -> bool {
        match self.read.get() {
            Ok(mut c) => {
                c.check();
                !c.broken
            }
            Err(_) => false,
        }
    }
}

/// Runs `f` in a transaction on `conn`; IMMEDIATE on SQLite.
pub fn transaction<T, E>(conn: &mut AnyConnection, f: impl FnOnce(&mut AnyConnection) -> Result<T, E>) -> Result<T, E>
where
    E: From<StoreError>,
{
    type Tm = <AnyConnection as Connection>::TransactionManager;
    let begun = match conn {
        AnyConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE"),
        AnyConnection::Postgresql(_) => Tm::begin_transaction(conn),
    };
    begun.map_err(StoreError::from)?;
    match f(conn) {
        Ok(v) => {
            Tm::commit_transaction(conn).map_err(StoreError::from)?;
            Ok(v)
        }
        Err(e) => {
            let _ = Tm::rollback_transaction(conn);
            Err(e)
        }
    }
}

impl Manager {
    fn connect_raw(&self) -> StoreResult<AnyConnection> {
        diesel::r2d2::ManageConnection::connect(self)
            .map(|p| p.conn)
            .map_err(|e| StoreError::Unavailable(e.to_string()))
    }
}

impl Db {
    /// After a consultation closes, its tally rows and its own row (the bulletin head) have
    /// been updated once per ballot: on PostgreSQL, vacuum them so that reading the result does
    /// not wade through dead row versions until autovacuum comes by. (SQLite updates in place.)
    /// Runs outside any transaction; failures are only logged.
    pub fn tidy_after_close(&self) {
        if self.kind != BackendKind::Postgres {
            return;
        }
        match self.write.get() {
            Ok(mut c) => {
                if let Err(e) = c.conn.batch_execute("VACUUM (ANALYZE) tally_cells, consultations, ballots") {
                    tracing::warn!(error = %e, "vacuum after closing failed");
                }
            }
            Err(e) => tracing::warn!(error = %e, "no connection to vacuum tally_cells"),
        }
    }
}

/// The database holds names, phones and ballots: its directory is created 0700 and the file
/// 0600 before SQLite opens it (SQLite gives the `-wal` and `-shm` files the database file's
/// mode). A file left 0644 by an older version is tightened.
fn private_database_file(path: &std::path::Path) -> std::io::Result<()> {
    if path.as_os_str() == ":memory:" || path.as_os_str().is_empty() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        private_dir(dir)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        std::fs::OpenOptions::new().create(true).append(true).mode(0o600).open(path)?;
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    Ok(())
}

/// Creates `dir` (and missing parents) readable by this user only.
pub fn private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}
