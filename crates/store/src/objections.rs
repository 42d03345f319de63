//! Objections to a preliminary result (询异), each answered by the committee.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::objections;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = objections)]
pub struct ObjectionRow {
    pub id: String,
    pub consultation_id: String,
    pub user_id: String,
    pub text: String,
    pub receipt: Option<String>,
    pub created_at: NaiveDateTime,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<NaiveDateTime>,
    /// The item the objection is about, if it names one; for an item split by floor, the unit
    /// of the objector's dwelling there.
    pub item_id: Option<String>,
    pub unit_id: Option<String>,
}

pub fn insert(conn: &mut AnyConnection, row: &ObjectionRow) -> StoreResult<()> {
    diesel::insert_into(objections::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ObjectionRow>> {
    Ok(objections::table.find(id).select(ObjectionRow::as_select()).first(conn).optional()?)
}

pub fn list(conn: &mut AnyConnection, consultation_id: &str, user_id: Option<&str>) -> StoreResult<Vec<ObjectionRow>> {
    let mut q = objections::table
        .filter(objections::consultation_id.eq(consultation_id.to_owned()))
        .order((objections::created_at.asc(), objections::id.asc()))
        .select(ObjectionRow::as_select())
        .into_boxed();
    if let Some(u) = user_id {
        q = q.filter(objections::user_id.eq(u.to_owned()));
    }
    Ok(q.load(conn)?)
}

pub fn answer(conn: &mut AnyConnection, id: &str, text: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(objections::table.find(id).filter(objections::answer.is_null()))
        .set((objections::answer.eq(text), objections::answered_by.eq(by), objections::answered_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

pub fn unanswered(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<i64> {
    Ok(objections::table
        .filter(objections::consultation_id.eq(consultation_id))
        .filter(objections::answer.is_null())
        .count()
        .get_result(conn)?)
}
