//! Held texts: what WeChat's content check did not pass outright, until a reviewer decides.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::held_texts;
use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashSet;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = held_texts)]
pub struct HeldRow {
    pub id: String,
    pub kind: String,
    pub subject_id: String,
    pub community_id: Option<String>,
    pub parent_id: Option<String>,
    pub author_id: String,
    pub text: String,
    /// `review` or `unchecked`.
    pub reason: String,
    pub label: Option<i64>,
    /// `held`, `released` or `removed`.
    pub state: String,
    pub created_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub note: Option<String>,
}

/// Holds `row`'s subject, replacing an earlier hold of it (a revised rating, a new name).
pub fn hold(conn: &mut AnyConnection, row: &HeldRow) -> StoreResult<()> {
    clear(conn, &row.kind, &row.subject_id)?;
    diesel::insert_into(held_texts::table).values(row).execute(conn)?;
    Ok(())
}

/// Forgets any hold of the subject (its text was replaced by one that passed).
pub fn clear(conn: &mut AnyConnection, kind: &str, subject_id: &str) -> StoreResult<()> {
    diesel::delete(held_texts::table.filter(held_texts::kind.eq(kind)).filter(held_texts::subject_id.eq(subject_id)))
        .execute(conn)?;
    Ok(())
}

/// Which of `subjects` of `kind` are hidden (held, or removed by the reviewer).
pub fn hidden_among(conn: &mut AnyConnection, kind: &str, subjects: &[String]) -> StoreResult<HashSet<String>> {
    if subjects.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<String> = held_texts::table
        .filter(held_texts::kind.eq(kind))
        .filter(held_texts::subject_id.eq_any(subjects))
        .filter(held_texts::state.ne("released"))
        .select(held_texts::subject_id)
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

/// The hidden subjects of `kind` under `parent_id` (a consultation's ballot comments).
pub fn hidden_under(conn: &mut AnyConnection, kind: &str, parent_id: &str) -> StoreResult<HashSet<String>> {
    let ids: Vec<String> = held_texts::table
        .filter(held_texts::kind.eq(kind))
        .filter(held_texts::parent_id.eq(parent_id))
        .filter(held_texts::state.ne("released"))
        .select(held_texts::subject_id)
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<HeldRow>> {
    Ok(held_texts::table.find(id).select(HeldRow::as_select()).first(conn).optional()?)
}

/// Records the reviewer's decision on a held subject; false when it was decided already.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    state: &str,
    by: &str,
    at: NaiveDateTime,
    note: Option<&str>,
) -> StoreResult<bool> {
    let n = diesel::update(held_texts::table.find(id).filter(held_texts::state.eq("held")))
        .set((
            held_texts::state.eq(state),
            held_texts::decided_by.eq(by),
            held_texts::decided_at.eq(at),
            held_texts::note.eq(note),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// A page of the review queue: of one community, or of none (display names), in `state`,
/// oldest first.
pub fn queue(
    conn: &mut AnyConnection,
    community_id: Option<&str>,
    state: &str,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<HeldRow>> {
    let mut q = held_texts::table
        .filter(held_texts::state.eq(state.to_owned()))
        .order((held_texts::created_at.asc(), held_texts::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(HeldRow::as_select())
        .into_boxed();
    q = match community_id {
        Some(c) => q.filter(held_texts::community_id.eq(c.to_owned())),
        None => q.filter(held_texts::community_id.is_null()),
    };
    Ok(q.load(conn)?)
}

/// Whether `(kind, subject)` was ever held (whatever the decision since).
pub fn exists(conn: &mut AnyConnection, kind: &str, subject_id: &str) -> StoreResult<bool> {
    let n: i64 = held_texts::table
        .filter(held_texts::kind.eq(kind))
        .filter(held_texts::subject_id.eq(subject_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Gives a hold without a community (a photo held before it was attached) the community of
/// what it is now attached to.
pub fn adopt(conn: &mut AnyConnection, kind: &str, subject_id: &str, community_id: &str) -> StoreResult<()> {
    diesel::update(
        held_texts::table
            .filter(held_texts::kind.eq(kind))
            .filter(held_texts::subject_id.eq(subject_id))
            .filter(held_texts::community_id.is_null()),
    )
    .set(held_texts::community_id.eq(community_id))
    .execute(conn)?;
    Ok(())
}
