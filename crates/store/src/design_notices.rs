//! The public notice (公示) of an accepted design version and the residents' objections to its
//! measures, each answered once by the committee.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{design_notices, design_objections};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = design_notices)]
pub struct DesignNoticeRow {
    pub design_id: String,
    pub notice_id: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub approved_by: Option<String>,
    pub approved_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = design_objections)]
pub struct DesignObjectionRow {
    pub id: String,
    pub design_id: String,
    pub measure_id: String,
    pub user_id: String,
    pub dwelling_id: String,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
}

pub fn insert_notice(conn: &mut AnyConnection, row: &DesignNoticeRow) -> StoreResult<()> {
    diesel::insert_into(design_notices::table).values(row).execute(conn)?;
    Ok(())
}

pub fn notice(conn: &mut AnyConnection, design_id: &str) -> StoreResult<Option<DesignNoticeRow>> {
    Ok(design_notices::table.find(design_id).select(DesignNoticeRow::as_select()).first(conn).optional()?)
}

/// Records the approval; false when the design was approved already.
pub fn approve(conn: &mut AnyConnection, design_id: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(design_notices::table.find(design_id).filter(design_notices::approved_at.is_null()))
        .set((design_notices::approved_by.eq(by), design_notices::approved_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_objection(conn: &mut AnyConnection, row: &DesignObjectionRow) -> StoreResult<()> {
    diesel::insert_into(design_objections::table).values(row).execute(conn)?;
    Ok(())
}

pub fn objection(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<DesignObjectionRow>> {
    Ok(design_objections::table.find(id).select(DesignObjectionRow::as_select()).first(conn).optional()?)
}

/// The objections to design `design_id` in the order they came, only `user_id`'s when given.
pub fn objections(
    conn: &mut AnyConnection,
    design_id: &str,
    user_id: Option<&str>,
) -> StoreResult<Vec<DesignObjectionRow>> {
    let mut q = design_objections::table
        .filter(design_objections::design_id.eq(design_id.to_owned()))
        .order((design_objections::created_at.asc(), design_objections::id.asc()))
        .select(DesignObjectionRow::as_select())
        .into_boxed();
    if let Some(u) = user_id {
        q = q.filter(design_objections::user_id.eq(u.to_owned()));
    }
    Ok(q.load(conn)?)
}

/// Records the committee's answer; false when the objection has one already.
pub fn answer(conn: &mut AnyConnection, id: &str, text: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(design_objections::table.find(id).filter(design_objections::answer.is_null()))
        .set((
            design_objections::answer.eq(text),
            design_objections::answered_by.eq(by),
            design_objections::answered_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// (all, unanswered) objections to design `design_id`.
pub fn counts(conn: &mut AnyConnection, design_id: &str) -> StoreResult<(i64, i64)> {
    let all: i64 =
        design_objections::table.filter(design_objections::design_id.eq(design_id)).count().get_result(conn)?;
    let open: i64 = design_objections::table
        .filter(design_objections::design_id.eq(design_id))
        .filter(design_objections::answer.is_null())
        .count()
        .get_result(conn)?;
    Ok((all, open))
}
