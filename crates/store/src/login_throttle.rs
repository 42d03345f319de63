//! Failed-login counters in the database, so that every server process on one database
//! shares them and a burst of parallel guesses is counted before any password is hashed.
//!
//! Each key has one row: the attempts counted since `window_start`. Counting is one
//! conditional UPDATE (`attempts < limit`): on PostgreSQL it takes the row lock and re-checks
//! its condition against the newest row once a concurrent counter commits, on SQLite the write
//! transaction is already exclusive, so no two requests can both take the last attempt.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::login_throttle as t;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Counts one attempt against `key` unless `limit` attempts are already counted in the window
/// that began after `window_opened_after`. Returns None when counted, or the start of the
/// full window (the caller tells how long to wait). Run inside the caller's write transaction.
pub fn count_attempt(
    conn: &mut AnyConnection,
    key: &str,
    limit: i32,
    now: NaiveDateTime,
    window_opened_after: NaiveDateTime,
) -> StoreResult<Option<NaiveDateTime>> {
    let fresh = (t::key.eq(key), t::attempts.eq(0), t::window_start.eq(now));
    match conn {
        AnyConnection::Sqlite(c) => diesel::insert_into(t::table).values(fresh).on_conflict_do_nothing().execute(c)?,
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(t::table).values(fresh).on_conflict_do_nothing().execute(c)?
        }
    };
    // A window that has run out starts again now.
    diesel::update(t::table.find(key).filter(t::window_start.le(window_opened_after)))
        .set((t::attempts.eq(0), t::window_start.eq(now)))
        .execute(conn)?;
    let counted = diesel::update(t::table.find(key).filter(t::attempts.lt(limit)))
        .set(t::attempts.eq(t::attempts + 1))
        .execute(conn)?;
    if counted == 1 {
        return Ok(None);
    }
    Ok(Some(t::table.find(key).select(t::window_start).first(conn)?))
}

/// A successful login: the account's own counter is cleared; the client address gets back
/// the attempt it spent (a shared office address is not blocked by people who logged in).
pub fn forgive(conn: &mut AnyConnection, account_key: &str, address_key: &str) -> StoreResult<()> {
    diesel::delete(t::table.find(account_key)).execute(conn)?;
    diesel::update(t::table.find(address_key).filter(t::attempts.gt(0)))
        .set(t::attempts.eq(t::attempts - 1))
        .execute(conn)?;
    Ok(())
}

/// Deletes the counters whose window ended; returns how many.
pub fn prune(conn: &mut AnyConnection, window_opened_after: NaiveDateTime) -> StoreResult<usize> {
    Ok(diesel::delete(t::table.filter(t::window_start.le(window_opened_after))).execute(conn)?)
}
