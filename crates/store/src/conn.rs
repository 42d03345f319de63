//! Connections: the backend is picked from the URL scheme (never by trying each in turn, which
//! hides the real connection error), and SQLite gets its pragmas on every checkout.

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ManageConnection, R2D2Connection};
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

impl ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        match self.kind {
            BackendKind::Postgres => {
                PgConnection::establish(&self.target).map(AnyConnection::Postgresql).map_err(diesel::r2d2::Error::ConnectionError)
            }
            BackendKind::Sqlite => {
                let mut c = SqliteConnection::establish(&self.target).map_err(diesel::r2d2::Error::ConnectionError)?;
                c.batch_execute(SQLITE_PRAGMAS).map_err(diesel::r2d2::Error::QueryError)?;
                Ok(AnyConnection::Sqlite(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut AnyConnection) -> bool {
        conn.is_broken()
    }
}
