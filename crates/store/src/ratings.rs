//! Rating periods, one rating per dwelling per period, sums per community and company, and the
//! companies' public replies.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{communities, dwellings, rating_periods, rating_replies, ratings};
use chrono::NaiveDateTime;
use diandan_domain::rating::Sums;
use diesel::dsl::{count_star, sum};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = rating_periods)]
pub struct PeriodRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub opens_at: NaiveDateTime,
    pub closes_at: NaiveDateTime,
    pub created_by: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = ratings)]
pub struct RatingRow {
    pub id: String,
    pub period_id: String,
    pub dwelling_id: String,
    pub community_id: String,
    pub company_id: String,
    pub user_id: String,
    pub security: i32,
    pub cleaning: i32,
    pub greening: i32,
    pub repairs: i32,
    pub fees: i32,
    pub attitude: i32,
    pub comment: Option<String>,
    pub revisions: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = rating_replies)]
pub struct ReplyRow {
    pub id: String,
    pub period_id: String,
    pub company_id: String,
    pub text: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
}

pub fn insert_period(conn: &mut AnyConnection, row: &PeriodRow) -> StoreResult<()> {
    diesel::insert_into(rating_periods::table).values(row).execute(conn)?;
    Ok(())
}

pub fn period(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<PeriodRow>> {
    Ok(rating_periods::table.find(id).select(PeriodRow::as_select()).first(conn).optional()?)
}

/// Periods of the given districts (None: all), newest first.
pub fn periods(conn: &mut AnyConnection, districts: Option<&[String]>) -> StoreResult<Vec<PeriodRow>> {
    let mut q = rating_periods::table
        .select(PeriodRow::as_select())
        .order((rating_periods::opens_at.desc(), rating_periods::id.desc()))
        .into_boxed();
    if let Some(ds) = districts {
        q = q.filter(rating_periods::district_id.eq_any(ds.to_vec()));
    }
    Ok(q.load(conn)?)
}

pub fn close_period(conn: &mut AnyConnection, id: &str, at: NaiveDateTime) -> StoreResult<()> {
    diesel::update(rating_periods::table.find(id)).set(rating_periods::closes_at.eq(at)).execute(conn)?;
    Ok(())
}

pub fn insert(conn: &mut AnyConnection, row: &RatingRow) -> StoreResult<()> {
    diesel::insert_into(ratings::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<RatingRow>> {
    Ok(ratings::table.find(id).select(RatingRow::as_select()).first(conn).optional()?)
}

pub fn of_dwelling(conn: &mut AnyConnection, period_id: &str, dwelling_id: &str) -> StoreResult<Option<RatingRow>> {
    Ok(ratings::table
        .filter(ratings::period_id.eq(period_id))
        .filter(ratings::dwelling_id.eq(dwelling_id))
        .select(RatingRow::as_select())
        .first(conn)
        .optional()?)
}

/// Ratings of the given dwellings in a period (a resident reads back their own).
pub fn of_dwellings(conn: &mut AnyConnection, period_id: &str, dwelling_ids: &[String]) -> StoreResult<Vec<RatingRow>> {
    Ok(ratings::table
        .filter(ratings::period_id.eq(period_id))
        .filter(ratings::dwelling_id.eq_any(dwelling_ids.to_vec()))
        .order(ratings::created_at.asc())
        .select(RatingRow::as_select())
        .load(conn)?)
}

/// Overwrites the scores and comment of a rating; `revisions` goes up by one.
pub fn revise(conn: &mut AnyConnection, row: &RatingRow) -> StoreResult<()> {
    diesel::update(ratings::table.find(&row.id))
        .set((
            ratings::user_id.eq(&row.user_id),
            ratings::security.eq(row.security),
            ratings::cleaning.eq(row.cleaning),
            ratings::greening.eq(row.greening),
            ratings::repairs.eq(row.repairs),
            ratings::fees.eq(row.fees),
            ratings::attitude.eq(row.attitude),
            ratings::comment.eq(&row.comment),
            ratings::revisions.eq(row.revisions),
            ratings::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Sums per (community, company) over a period, computed by the database.
pub fn sums(conn: &mut AnyConnection, period_id: &str) -> StoreResult<Vec<(String, String, Sums)>> {
    type Row = (String, String, i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
    let rows: Vec<Row> = ratings::table
        .filter(ratings::period_id.eq(period_id))
        .group_by((ratings::community_id, ratings::company_id))
        .select((
            ratings::community_id,
            ratings::company_id,
            count_star(),
            sum(ratings::security),
            sum(ratings::cleaning),
            sum(ratings::greening),
            sum(ratings::repairs),
            sum(ratings::fees),
            sum(ratings::attitude),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(community, company, n, a, b, c, d, e, f)| {
            let t = [a, b, c, d, e, f].map(|v| v.unwrap_or(0).max(0) as u64);
            (community, company, Sums { count: n.max(0) as u64, totals: t })
        })
        .collect())
}

/// Dwellings that may be rated, per community of a district (developer-held ones have no
/// resident to rate).
pub fn eligible_dwellings(conn: &mut AnyConnection, district_id: &str) -> StoreResult<Vec<(String, String, i64)>> {
    Ok(communities::table
        .inner_join(dwellings::table.on(dwellings::community_id.eq(communities::id)))
        .filter(communities::district_id.eq(district_id))
        .filter(dwellings::developer_held.eq(false))
        .group_by((communities::id, communities::name))
        .select((communities::id, communities::name, count_star()))
        .load(conn)?)
}

pub fn insert_reply(conn: &mut AnyConnection, row: &ReplyRow) -> StoreResult<()> {
    diesel::insert_into(rating_replies::table).values(row).execute(conn)?;
    Ok(())
}

pub fn replies(conn: &mut AnyConnection, period_id: &str) -> StoreResult<Vec<ReplyRow>> {
    Ok(rating_replies::table
        .filter(rating_replies::period_id.eq(period_id))
        .select(ReplyRow::as_select())
        .load(conn)?)
}
