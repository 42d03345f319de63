//! What the audit log and the bulletins share: entries are inserted unsealed by the request
//! that makes them and linked into their hash chain after commit by the sealer, and the locks
//! that order the few things that must wait for each other.
//!
//! Locks (PostgreSQL advisory locks, transaction-scoped; SQLite needs none — its one writer
//! already runs write transactions one at a time):
//! - the sealer's lock: one sealer links entries at a time, whichever server process it runs in;
//! - a consultation's voting lock: every ballot holds it shared, so ballots never wait for each
//!   other; closing takes it exclusively, so it waits for the ballots in flight and the closing
//!   head covers every ballot cast while the consultation was open.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Text};

/// Where the sealer puts an entry in its chain.
#[derive(Debug, Clone)]
pub struct Link {
    /// The entry's key (`id` of an audit entry, `receipt` of a bulletin entry).
    pub key: String,
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
}

/// Advisory-lock classes (the first key of the two-key form).
const SEALER: i32 = 1;
const VOTING: i32 = 2;
const STARTUP: i32 = 3;

/// Serialises what server processes starting at once on one database do first (migrations, the
/// first admin): without it, two of three processes started together on an empty database
/// failed their migrations on duplicate catalogue rows. Session-level: released by
/// [`end_startup`] (or when the connection closes).
pub fn begin_startup(conn: &mut AnyConnection) -> StoreResult<()> {
    startup_lock(conn, "pg_advisory_lock")
}

pub fn end_startup(conn: &mut AnyConnection) -> StoreResult<()> {
    startup_lock(conn, "pg_advisory_unlock")
}

/// The first admin's creation waits for another process creating it (transaction-scoped).
pub fn hold_startup(conn: &mut AnyConnection) -> StoreResult<()> {
    startup_lock(conn, "pg_advisory_xact_lock")
}

fn startup_lock(conn: &mut AnyConnection, function: &str) -> StoreResult<()> {
    let AnyConnection::Postgresql(pg) = conn else { return Ok(()) };
    diesel::sql_query(format!("SELECT {function}($1, hashtext(current_schema()))"))
        .bind::<Integer, _>(STARTUP)
        .execute(pg)?;
    Ok(())
}

#[derive(QueryableByName)]
struct Got {
    #[diesel(sql_type = Bool)]
    got: bool,
}

/// Takes the sealer's lock for this transaction; with `wait` false, answers false at once
/// when another transaction holds it.
pub fn lock_sealer(conn: &mut AnyConnection, wait: bool) -> StoreResult<bool> {
    let AnyConnection::Postgresql(pg) = conn else { return Ok(true) };
    // Keyed by schema too: advisory locks are per database, and databases holding several
    // diandan schemas (the tests do) must not share one sealer.
    if wait {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))")
            .bind::<Integer, _>(SEALER)
            .execute(pg)?;
        return Ok(true);
    }
    let r: Got = diesel::sql_query("SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got")
        .bind::<Integer, _>(SEALER)
        .get_result(pg)?;
    Ok(r.got)
}

/// A ballot's hold on its consultation: shared with other ballots, exclusive of closing.
pub fn hold_voting(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<()> {
    voting_lock(conn, consultation_id, "pg_advisory_xact_lock_shared")
}

/// Closing's hold: waits until the ballots in flight have committed or rolled back.
pub fn stop_voting(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<()> {
    voting_lock(conn, consultation_id, "pg_advisory_xact_lock")
}

fn voting_lock(conn: &mut AnyConnection, consultation_id: &str, function: &str) -> StoreResult<()> {
    let AnyConnection::Postgresql(pg) = conn else { return Ok(()) };
    diesel::sql_query(format!("SELECT {function}($1, $2)"))
        .bind::<Integer, _>(VOTING)
        .bind::<Integer, _>(key32(consultation_id))
        .execute(pg)?;
    Ok(())
}

/// A 32-bit key for an id (FNV-1a). Two consultations sharing a key only make closing one
/// wait for the other's ballots in flight.
fn key32(id: &str) -> i32 {
    let mut h: u32 = 0x811c9dc5;
    for b in id.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h as i32
}

/// Writes the sealer's links into `table` (whose key column is `key`); only entries still
/// unsealed are touched. `table` and `key` are this crate's own names, never input.
pub fn write_links(conn: &mut AnyConnection, table: &str, key: &str, links: &[Link]) -> StoreResult<()> {
    match conn {
        AnyConnection::Postgresql(pg) => {
            // One statement for the batch: (key, seq, prev_hash, hash) rows joined on the key.
            for chunk in links.chunks(1_000) {
                let rows: Vec<String> = (0..chunk.len())
                    .map(|i| format!("(${}, ${}::bigint, ${}, ${})", 4 * i + 1, 4 * i + 2, 4 * i + 3, 4 * i + 4))
                    .collect();
                let sql = format!(
                    "UPDATE {table} AS t SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash \
                     FROM (VALUES {}) AS v(key, seq, prev_hash, hash) WHERE t.{key} = v.key AND t.seq IS NULL",
                    rows.join(", ")
                );
                let mut q = diesel::sql_query(sql).into_boxed::<diesel::pg::Pg>();
                for l in chunk {
                    q = q
                        .bind::<Text, _>(l.key.clone())
                        .bind::<BigInt, _>(l.seq)
                        .bind::<Text, _>(l.prev_hash.clone())
                        .bind::<Text, _>(l.hash.clone());
                }
                check_all(q.execute(pg)?, chunk.len())?;
            }
        }
        AnyConnection::Sqlite(sq) => {
            let sql = format!("UPDATE {table} SET seq = ?, prev_hash = ?, hash = ? WHERE {key} = ? AND seq IS NULL");
            for l in links {
                let n = diesel::sql_query(&sql)
                    .bind::<BigInt, _>(l.seq)
                    .bind::<Text, _>(&l.prev_hash)
                    .bind::<Text, _>(&l.hash)
                    .bind::<Text, _>(&l.key)
                    .execute(sq)?;
                check_all(n, 1)?;
            }
        }
    }
    Ok(())
}

/// An entry sealed by someone else meanwhile means two sealers ran at once: roll back.
fn check_all(touched: usize, expected: usize) -> StoreResult<()> {
    if touched != expected {
        return Err(crate::error::StoreError::Other(format!("sealed {touched} of {expected} entries")));
    }
    Ok(())
}
