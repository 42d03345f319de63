//! Stored first answers for writes sent with an `Idempotency-Key`.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::idempotency_keys;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub user_id: String,
    pub key: String,
    pub request_hash: String,
    pub status: i32,
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub fn get(conn: &mut AnyConnection, user_id: &str, key: &str) -> StoreResult<Option<IdempotencyRow>> {
    Ok(idempotency_keys::table.find((user_id, key)).select(IdempotencyRow::as_select()).first(conn).optional()?)
}

pub fn insert(conn: &mut AnyConnection, row: &IdempotencyRow) -> StoreResult<()> {
    diesel::insert_into(idempotency_keys::table).values(row).execute(conn)?;
    Ok(())
}

/// Fills in the answer of a key reserved earlier in the same transaction.
pub fn complete(conn: &mut AnyConnection, user_id: &str, key: &str, status: i32, body: &str) -> StoreResult<()> {
    diesel::update(idempotency_keys::table.find((user_id, key)))
        .set((idempotency_keys::status.eq(status), idempotency_keys::body.eq(body)))
        .execute(conn)?;
    Ok(())
}
