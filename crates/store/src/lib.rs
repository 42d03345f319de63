//! Persistence for diandan: one code path over SQLite and PostgreSQL via diesel's
//! `MultiConnection`. Backend differences are handled here and nowhere else.

/// Multi-row INSERT. diesel's `MultiConnection` cannot express batch inserts (the backends'
/// DEFAULT-keyword dialects differ), so this dispatches on the concrete connection.
#[macro_export]
macro_rules! batch_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::AnyConnection::Sqlite(c) => diesel::insert_into($table).values($rows).execute(c)?,
            $crate::AnyConnection::Postgresql(c) => diesel::insert_into($table).values($rows).execute(c)?,
        }
    };
}

pub mod audit;
pub mod ballots;
pub mod bindings;
pub mod bulletin;
pub mod chains;
pub mod clock;
pub mod communities;
pub mod companies;
pub mod complaints;
pub mod conn;
pub mod consultations;
pub mod db;
pub mod demand;
pub mod design_notices;
pub mod error;
pub mod feed;
pub mod held;
pub mod idempotency;
pub mod login_throttle;
pub mod messages;
pub mod notices;
pub mod objections;
pub mod personal;
pub mod projects;
pub mod proxies;
pub mod ratings;
pub mod representatives;
pub mod roles;
pub mod roster;
pub mod schema;
pub mod tokens;
pub mod uploads;
pub mod users;
pub mod works;

pub use conn::{AnyConnection, BackendKind};
pub use db::{Db, PoolOptions};
pub use error::{StoreError, StoreResult};
