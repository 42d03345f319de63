//! The community notice board (公告): notices, who read them, and the read count by dwelling.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{bindings, dwellings, notice_reads, notices};
use chrono::NaiveDateTime;
use diesel::dsl::count;
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, AsChangeset, Debug, Clone)]
#[diesel(table_name = notices, treat_none_as_null = true)]
pub struct NoticeRow {
    pub id: String,
    pub community_id: String,
    pub title: String,
    pub body: String,
    pub pinned: bool,
    pub visible_from: NaiveDateTime,
    pub visible_until: Option<NaiveDateTime>,
    /// `manual`, `consultation_announced`, `consultation_published` or `design_notice`.
    pub source: String,
    pub consultation_id: Option<String>,
    pub author_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub withdrawn_reason: Option<String>,
}

/// Which notices of a board a list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// What residents see: not withdrawn, visible now.
    Visible(NaiveDateTime),
    /// Everything, scheduled, expired and withdrawn included (the committee's view).
    All,
}

pub fn insert(conn: &mut AnyConnection, row: &NoticeRow) -> StoreResult<()> {
    diesel::insert_into(notices::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<NoticeRow>> {
    Ok(notices::table.find(id).select(NoticeRow::as_select()).first(conn).optional()?)
}

/// Writes the notice's editable columns as `row` has them.
pub fn update(conn: &mut AnyConnection, row: &NoticeRow) -> StoreResult<()> {
    diesel::update(notices::table.find(&row.id)).set(row).execute(conn)?;
    Ok(())
}

/// A page of the board of `community_id`, pinned first, then newest first; each notice with
/// the time `reader` read it (None: unread, or no reader given).
pub fn board(
    conn: &mut AnyConnection,
    community_id: &str,
    shown: Shown,
    reader: &str,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<(NoticeRow, Option<NaiveDateTime>)>> {
    let mut q = notices::table
        .left_join(
            notice_reads::table
                .on(notice_reads::notice_id.eq(notices::id).and(notice_reads::user_id.eq(reader.to_owned()))),
        )
        .filter(notices::community_id.eq(community_id.to_owned()))
        .select((NoticeRow::as_select(), notice_reads::read_at.nullable()))
        .order((notices::pinned.desc(), notices::visible_from.desc(), notices::id.desc()))
        .limit(limit)
        .offset(offset)
        .into_boxed();
    if let Shown::Visible(now) = shown {
        q = q
            .filter(notices::withdrawn_at.is_null())
            .filter(notices::visible_from.le(now))
            .filter(notices::visible_until.is_null().or(notices::visible_until.gt(now)));
    }
    Ok(q.load(conn)?)
}

/// Records that `user_id` read the notice (the first read counts; later ones change nothing).
pub fn mark_read(conn: &mut AnyConnection, notice_id: &str, user_id: &str, at: NaiveDateTime) -> StoreResult<()> {
    let row = (notice_reads::notice_id.eq(notice_id), notice_reads::user_id.eq(user_id), notice_reads::read_at.eq(at));
    match conn {
        AnyConnection::Sqlite(c) => {
            diesel::insert_into(notice_reads::table).values(row).on_conflict_do_nothing().execute(c)?
        }
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(notice_reads::table).values(row).on_conflict_do_nothing().execute(c)?
        }
    };
    Ok(())
}

/// For each notice of `ids` (all of `community_id`), the number of the community's dwellings
/// with a verified resident who read it. A dwelling read by two of its people counts once.
pub fn dwellings_read(
    conn: &mut AnyConnection,
    community_id: &str,
    ids: &[String],
) -> StoreResult<HashMap<String, i64>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, i64)> = notice_reads::table
        .inner_join(bindings::table.on(bindings::user_id.eq(notice_reads::user_id)))
        .filter(notice_reads::notice_id.eq_any(ids))
        .filter(bindings::community_id.eq(community_id.to_owned()))
        .filter(bindings::status.eq("approved"))
        .group_by(notice_reads::notice_id)
        .select((notice_reads::notice_id, count(bindings::dwelling_id).aggregate_distinct()))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The dwellings of `community_id` that are not the developer's: the read count's denominator.
pub fn homes(conn: &mut AnyConnection, community_id: &str) -> StoreResult<i64> {
    Ok(dwellings::table
        .filter(dwellings::community_id.eq(community_id.to_owned()))
        .filter(dwellings::developer_held.eq(false))
        .count()
        .get_result(conn)?)
}

/// When `user_id` read the notice, if they did.
pub fn read_at(conn: &mut AnyConnection, notice_id: &str, user_id: &str) -> StoreResult<Option<NaiveDateTime>> {
    Ok(notice_reads::table.find((notice_id, user_id)).select(notice_reads::read_at).first(conn).optional()?)
}

/// Moves the end of the agenda notice of `consultation_id` to `until` (voting was extended).
pub fn extend_agenda(
    conn: &mut AnyConnection,
    consultation_id: &str,
    until: NaiveDateTime,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::update(
        notices::table
            .filter(notices::consultation_id.eq(consultation_id.to_owned()))
            .filter(notices::source.eq("consultation_announced")),
    )
    .set((notices::visible_until.eq(Some(until)), notices::updated_at.eq(at)))
    .execute(conn)?;
    Ok(())
}
