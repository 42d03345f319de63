//! Connections: the backend is picked from the URL scheme (never by trying each in turn, which
//! hides the real connection error), and SQLite gets its pragmas on every checkout.

use diesel::connection::SimpleConnection;
use diesel::r2d2::ManageConnection;
use diesel::{Connection, PgConnection, SqliteConnection};

#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

impl BackendKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BackendKind::Sqlite => "sqlite",
            BackendKind::Postgres => "postgres",
        }
    }
}

/// Splits a `DATABASE_URL` into its backend and the string that backend's driver expects.
/// `postgres://` and `postgresql://` select PostgreSQL; `sqlite://PATH` or a bare path select SQLite.
pub fn parse_url(url: &str) -> (BackendKind, String) {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        (BackendKind::Postgres, url.to_string())
    } else if let Some(path) = url.strip_prefix("sqlite://") {
        (BackendKind::Sqlite, path.to_string())
    } else if let Some(path) = url.strip_prefix("sqlite:") {
        (BackendKind::Sqlite, path.to_string())
    } else {
        (BackendKind::Sqlite, url.to_string())
    }
}

/// SQLite settings applied to every connection. `synchronous=FULL`: an acknowledged ballot must
/// survive a power cut, not only a crash of the process.
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;";

pub struct Manager {
    kind: BackendKind,
    target: String,
}

impl Manager {
    pub fn new(url: &str) -> Manager {
        let (kind, target) = parse_url(url);
        Manager { kind, target }
    }
}

/// A pooled connection, and whether it failed in a way that only a new one cures. diesel counts
/// a connection as broken only when a transaction was left open; a PostgreSQL server that
/// restarted leaves idle connections dead without that, and the pool would hand them out for
/// ever. `Db` marks a connection whose work failed and which then fails a ping, and the pool
/// drops it instead of keeping it.
pub struct Pooled {
    pub conn: AnyConnection,
    pub broken: bool,
}

impl Pooled {
    /// After a failure: keep the connection only if it still answers.
    pub fn check(&mut self) {
        use diesel::r2d2::R2D2Connection;
        if self.conn.ping().is_err() {
            self.broken = true;
        }
    }
}

impl ManageConnection for Manager {
    type Connection = Pooled;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<Pooled, Self::Error> {
        let conn = match self.kind {
            BackendKind::Postgres => PgConnection::establish(&self.target)
                .map(AnyConnection::Postgresql)
                .map_err(diesel::r2d2::Error::ConnectionError)?,
            BackendKind::Sqlite => {
                let mut c = SqliteConnection::establish(&self.target).map_err(diesel::r2d2::Error::ConnectionError)?;
                c.batch_execute(SQLITE_PRAGMAS).map_err(diesel::r2d2::Error::QueryError)?;
                AnyConnection::Sqlite(c)
            }
        };
        Ok(Pooled { conn, broken: false })
    }

    fn is_valid(&self, c: &mut Pooled) -> Result<(), Self::Error> {
        use diesel::r2d2::R2D2Connection;
        c.conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, c: &mut Pooled) -> bool {
        use diesel::r2d2::R2D2Connection;
        c.broken || c.conn.is_broken()
    }
}
