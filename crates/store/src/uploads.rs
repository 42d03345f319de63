//! Uploaded photos: their rows (the pictures are files named by hash, see the app's
//! `uploads::files`), what they are attached to, and WeChat's verdict on them.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::uploads;
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = uploads)]
pub struct UploadRow {
    pub id: String,
    pub uploaded_by: String,
    pub sha256: String,
    pub content_type: String,
    pub width: i32,
    pub height: i32,
    pub bytes: i32,
    pub thumb_sha256: String,
    pub thumb_content_type: String,
    pub sent_type: String,
    pub sent_bytes: i32,
    pub attached_to: Option<String>,
    pub attached_id: Option<String>,
    pub position: Option<i32>,
    /// `cleared`, `pending` or `rejected`.
    pub review: String,
    pub trace_id: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, row: &UploadRow) -> StoreResult<()> {
    diesel::insert_into(uploads::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<UploadRow>> {
    Ok(uploads::table.find(id).select(UploadRow::as_select()).first(conn).optional()?)
}

/// The uploads among `ids` (any order; unknown ids are left out).
pub fn get_many(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<Vec<UploadRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(uploads::table.filter(uploads::id.eq_any(ids)).select(UploadRow::as_select()).load(conn)?)
}

/// Attaches `id` to `(kind, subject)` at `position` when `user` sent it and it is attached to
/// nothing yet; false otherwise (nothing changed).
pub fn attach(
    conn: &mut AnyConnection,
    id: &str,
    user: &str,
    kind: &str,
    subject: &str,
    position: i32,
) -> StoreResult<bool> {
    let n = diesel::update(
        uploads::table
            .filter(uploads::id.eq(id))
            .filter(uploads::uploaded_by.eq(user))
            .filter(uploads::attached_to.is_null())
            .filter(uploads::review.ne("rejected")),
    )
    .set((uploads::attached_to.eq(kind), uploads::attached_id.eq(subject), uploads::position.eq(position)))
    .execute(conn)?;
    Ok(n == 1)
}

/// The photos attached to each of `subjects` of `kind`, in their order.
pub fn attached(conn: &mut AnyConnection, kind: &str, subjects: &[String]) -> StoreResult<Vec<UploadRow>> {
    if subjects.is_empty() {
        return Ok(Vec::new());
    }
    Ok(uploads::table
        .filter(uploads::attached_to.eq(kind))
        .filter(uploads::attached_id.eq_any(subjects))
        .order((uploads::attached_id, uploads::position))
        .select(UploadRow::as_select())
        .load(conn)?)
}

/// Everything `user` uploaded, oldest first (their data export).
pub fn by_user(conn: &mut AnyConnection, user: &str) -> StoreResult<Vec<UploadRow>> {
    Ok(uploads::table
        .filter(uploads::uploaded_by.eq(user))
        .order(uploads::created_at)
        .select(UploadRow::as_select())
        .load(conn)?)
}

/// Uploads `user` sent since `since` (how many a person may have waiting is bounded).
pub fn count_unattached_since(conn: &mut AnyConnection, user: &str, since: NaiveDateTime) -> StoreResult<i64> {
    Ok(uploads::table
        .filter(uploads::uploaded_by.eq(user))
        .filter(uploads::attached_to.is_null())
        .filter(uploads::created_at.ge(since))
        .select(count_star())
        .first(conn)?)
}

/// The upload WeChat's image check `trace_id` is about.
pub fn by_trace(conn: &mut AnyConnection, trace_id: &str) -> StoreResult<Option<UploadRow>> {
    Ok(uploads::table.filter(uploads::trace_id.eq(trace_id)).select(UploadRow::as_select()).first(conn).optional()?)
}

pub fn set_review(conn: &mut AnyConnection, id: &str, review: &str) -> StoreResult<()> {
    diesel::update(uploads::table.find(id)).set(uploads::review.eq(review)).execute(conn)?;
    Ok(())
}

/// Records the trace id of the image check asked for `id`.
pub fn set_trace(conn: &mut AnyConnection, id: &str, trace_id: &str) -> StoreResult<()> {
    diesel::update(uploads::table.find(id)).set(uploads::trace_id.eq(trace_id)).execute(conn)?;
    Ok(())
}

/// Pending uploads whose image check was never asked for (WeChat could not be reached), oldest
/// first.
pub fn unasked(conn: &mut AnyConnection, limit: i64) -> StoreResult<Vec<UploadRow>> {
    Ok(uploads::table
        .filter(uploads::review.eq("pending"))
        .filter(uploads::trace_id.is_null())
        .order(uploads::created_at)
        .limit(limit)
        .select(UploadRow::as_select())
        .load(conn)?)
}

/// Removes the unattached uploads sent before `before`; answers the removed rows (their
/// files go when no other row names the same hash, see `still_used`).
pub fn remove_unattached(conn: &mut AnyConnection, before: NaiveDateTime, limit: i64) -> StoreResult<Vec<UploadRow>> {
    let rows: Vec<UploadRow> = uploads::table
        .filter(uploads::attached_to.is_null())
        .filter(uploads::created_at.lt(before))
        .order(uploads::created_at)
        .limit(limit)
        .select(UploadRow::as_select())
        .load(conn)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    if ids.is_empty() {
        return Ok(rows);
    }
    // The conditions again: an upload attached since the select (read committed) stays.
    let stale = uploads::table
        .filter(uploads::id.eq_any(ids.clone()))
        .filter(uploads::attached_to.is_null())
        .filter(uploads::created_at.lt(before));
    diesel::delete(stale).execute(conn)?;
    let kept: Vec<String> = uploads::table.filter(uploads::id.eq_any(ids)).select(uploads::id).load(conn)?;
    Ok(rows.into_iter().filter(|r| !kept.contains(&r.id)).collect())
}

/// Whether any upload still names the file `sha256` (as its picture or its thumbnail).
pub fn still_used(conn: &mut AnyConnection, sha256: &str) -> StoreResult<bool> {
    let n: i64 = uploads::table
        .filter(uploads::sha256.eq(sha256).or(uploads::thumb_sha256.eq(sha256)))
        .select(count_star())
        .first(conn)?;
    Ok(n > 0)
}
