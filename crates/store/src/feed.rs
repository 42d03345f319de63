//! The queries behind a resident's home feed: a fixed handful, whatever the resident's number
//! of dwellings, consultations or orders.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{
    ballot_versions, ballots, bindings, communities, complaints, consultations, electorate, rating_periods, ratings,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// A binding of the resident with its community's district.
#[derive(Debug, Clone)]
pub struct MyBinding {
    pub dwelling_id: String,
    pub community_id: String,
    pub district_id: String,
    pub relation: String,
    pub status: String,
    pub binding_id: String,
}

/// The resident's approved and pending bindings.
pub fn bindings_of(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<MyBinding>> {
    let rows: Vec<(String, String, String, String, String, String)> = bindings::table
        .inner_join(communities::table.on(communities::id.eq(bindings::community_id)))
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::status.eq_any(["approved", "pending"]))
        .order(bindings::created_at.asc())
        .select((
            bindings::dwelling_id,
            bindings::community_id,
            communities::district_id,
            bindings::relation,
            bindings::status,
            bindings::id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(dwelling_id, community_id, district_id, relation, status, binding_id)| MyBinding {
            dwelling_id,
            community_id,
            district_id,
            relation,
            status,
            binding_id,
        })
        .collect())
}

/// An open consultation with one of the resident's dwellings on its roll.
#[derive(Debug, Clone)]
pub struct OpenVote {
    pub consultation_id: String,
    pub community_id: String,
    pub title: String,
    pub closes_at: Option<NaiveDateTime>,
    /// The owner of that dwelling has a counting ballot.
    pub voted: bool,
}

/// The open consultations whose roll holds one of `dwellings`, with whether their owner voted.
pub fn open_votes(conn: &mut AnyConnection, dwellings: &[String]) -> StoreResult<Vec<OpenVote>> {
    if dwellings.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, String, String, Option<NaiveDateTime>, Option<String>)> = consultations::table
        .inner_join(electorate::table.on(electorate::consultation_id.eq(consultations::id)))
        .left_join(
            ballots::table
                .on(ballots::consultation_id.eq(consultations::id).and(ballots::owner_key.eq(electorate::owner_key))),
        )
        .filter(consultations::state.eq("open"))
        .filter(electorate::dwelling_id.eq_any(dwellings.to_vec()))
        .select((
            consultations::id,
            consultations::community_id,
            consultations::title,
            consultations::closes_at,
            ballots::counting_version_id.nullable(),
        ))
        .load(conn)?;
    let mut out: Vec<OpenVote> = Vec::new();
    for (id, community_id, title, closes_at, counting) in rows {
        // Several dwellings of one owner are one ballot; voted when any of their rows says so.
        match out.iter_mut().find(|v| v.consultation_id == id) {
            Some(v) => v.voted &= counting.is_some(),
            None => {
                out.push(OpenVote { consultation_id: id, community_id, title, closes_at, voted: counting.is_some() })
            }
        }
    }
    Ok(out)
}

/// The latest ballot versions the resident cast: (receipt, consultation id, title, signed at).
pub fn latest_receipts(
    conn: &mut AnyConnection,
    user_id: &str,
    limit: i64,
) -> StoreResult<Vec<(String, String, String, NaiveDateTime)>> {
    Ok(ballot_versions::table
        .inner_join(consultations::table.on(consultations::id.eq(ballot_versions::consultation_id)))
        .filter(ballot_versions::cast_by.eq(user_id))
        .order(ballot_versions::created_at.desc())
        .limit(limit)
        .select((ballot_versions::receipt, consultations::id, consultations::title, ballot_versions::signed_at))
        .load(conn)?)
}

/// The resident's orders answered and waiting for their confirmation: (id, community, description, replied at).
pub fn awaiting_confirmation(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, Option<NaiveDateTime>)>> {
    Ok(complaints::table
        .filter(complaints::submitted_by.eq(user_id))
        .filter(complaints::status.eq("replied"))
        .order(complaints::replied_at.asc())
        .select((complaints::id, complaints::community_id, complaints::description, complaints::replied_at))
        .load(conn)?)
}

/// The rating periods open at `now` in `districts`: (id, district, name, closes at).
pub fn open_periods(
    conn: &mut AnyConnection,
    districts: &[String],
    now: NaiveDateTime,
) -> StoreResult<Vec<(String, String, String, NaiveDateTime)>> {
    if districts.is_empty() {
        return Ok(Vec::new());
    }
    Ok(rating_periods::table
        .filter(rating_periods::district_id.eq_any(districts.to_vec()))
        .filter(rating_periods::opens_at.le(now))
        .filter(rating_periods::closes_at.gt(now))
        .order(rating_periods::closes_at.asc())
        .select((rating_periods::id, rating_periods::district_id, rating_periods::name, rating_periods::closes_at))
        .load(conn)?)
}

/// Of `periods` × `dwellings`, the pairs already rated: (period id, dwelling id).
pub fn rated(conn: &mut AnyConnection, periods: &[String], dwellings: &[String]) -> StoreResult<Vec<(String, String)>> {
    if periods.is_empty() || dwellings.is_empty() {
        return Ok(Vec::new());
    }
    Ok(ratings::table
        .filter(ratings::period_id.eq_any(periods.to_vec()))
        .filter(ratings::dwelling_id.eq_any(dwellings.to_vec()))
        .select((ratings::period_id, ratings::dwelling_id))
        .load(conn)?)
}
