//! Residents' representatives (楼长, 单元联系人) and their reviews of a design version: the panel
//! fixed when a review opens, and each member's opinion of each measure.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{design_reviews, representatives, review_opinions, review_panel};
use chrono::NaiveDateTime;
use diandan_domain::project::{Opinion, Seat};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = representatives)]
pub struct RepresentativeRow {
    pub id: String,
    pub community_id: String,
    pub user_id: String,
    pub dwelling_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub seat: Seat,
    pub building_id: String,
    pub unit_id: Option<String>,
    pub appointed_by: String,
    pub appointed_at: NaiveDateTime,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = design_reviews)]
pub struct ReviewRow {
    pub id: String,
    pub design_id: String,
    pub opened_by: String,
    pub opened_at: NaiveDateTime,
    pub outcome: Option<String>,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = review_panel)]
pub struct PanelRow {
    pub review_id: String,
    pub representative_id: String,
    pub user_id: String,
    pub label: String,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = review_opinions)]
pub struct OpinionRow {
    pub id: String,
    pub review_id: String,
    pub measure_id: String,
    pub representative_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub opinion: Opinion,
    pub comment: Option<String>,
    pub given_at: NaiveDateTime,
}

pub fn appoint(conn: &mut AnyConnection, row: &RepresentativeRow) -> StoreResult<()> {
    diesel::insert_into(representatives::table).values(row.clone()).execute(conn)?;
    Ok(())
}

/// The active representatives of a community, in the order they were appointed.
pub fn active(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<RepresentativeRow>> {
    Ok(representatives::table
        .filter(representatives::community_id.eq(community_id))
        .filter(representatives::revoked_at.is_null())
        .order((representatives::appointed_at.asc(), representatives::id.asc()))
        .select(RepresentativeRow::as_select())
        .load(conn)?)
}

pub fn revoke(conn: &mut AnyConnection, id: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(representatives::table.find(id).filter(representatives::revoked_at.is_null()))
        .set((representatives::revoked_by.eq(by), representatives::revoked_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Opens review `review` with its panel.
pub fn open_review(conn: &mut AnyConnection, review: &ReviewRow, panel: &[PanelRow]) -> StoreResult<()> {
    diesel::insert_into(design_reviews::table).values(review).execute(conn)?;
    for p in panel {
        diesel::insert_into(review_panel::table).values(p).execute(conn)?;
    }
    Ok(())
}

pub fn review(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ReviewRow>> {
    Ok(design_reviews::table.find(id).select(ReviewRow::as_select()).first(conn).optional()?)
}

pub fn review_of_design(conn: &mut AnyConnection, design_id: &str) -> StoreResult<Option<ReviewRow>> {
    Ok(design_reviews::table
        .filter(design_reviews::design_id.eq(design_id))
        .select(ReviewRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn panel(conn: &mut AnyConnection, review_id: &str) -> StoreResult<Vec<PanelRow>> {
    Ok(review_panel::table
        .filter(review_panel::review_id.eq(review_id))
        .order(review_panel::label.asc())
        .select(PanelRow::as_select())
        .load(conn)?)
}

/// Whether `user_id` sits on the panel of any review of the designs `design_ids`.
pub fn sits_on_any(conn: &mut AnyConnection, user_id: &str, design_ids: &[String]) -> StoreResult<bool> {
    let n: i64 = review_panel::table
        .inner_join(design_reviews::table.on(design_reviews::id.eq(review_panel::review_id)))
        .filter(review_panel::user_id.eq(user_id))
        .filter(design_reviews::design_id.eq_any(design_ids))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Records `rows`, each replacing the same member's earlier opinion of the same measure (which
/// keeps its id, so a hold on its comment stays with it); answers the ids stored, in order.
pub fn give(conn: &mut AnyConnection, rows: &[OpinionRow]) -> StoreResult<Vec<String>> {
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        let earlier: Option<String> = review_opinions::table
            .filter(review_opinions::review_id.eq(&r.review_id))
            .filter(review_opinions::measure_id.eq(&r.measure_id))
            .filter(review_opinions::representative_id.eq(&r.representative_id))
            .select(review_opinions::id)
            .first(conn)
            .optional()?;
        match earlier {
            Some(id) => {
                diesel::update(review_opinions::table.find(&id))
                    .set((
                        review_opinions::opinion.eq(r.opinion.as_str()),
                        review_opinions::comment.eq(&r.comment),
                        review_opinions::given_at.eq(r.given_at),
                    ))
                    .execute(conn)?;
                ids.push(id);
            }
            None => {
                diesel::insert_into(review_opinions::table).values(r.clone()).execute(conn)?;
                ids.push(r.id.clone());
            }
        }
    }
    Ok(ids)
}

pub fn opinions(conn: &mut AnyConnection, review_id: &str) -> StoreResult<Vec<OpinionRow>> {
    Ok(review_opinions::table
        .filter(review_opinions::review_id.eq(review_id))
        .order((review_opinions::given_at.asc(), review_opinions::id.asc()))
        .select(OpinionRow::as_select())
        .load(conn)?)
}

/// Records the committee's outcome of an open review; false when it was already decided.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    outcome: &str,
    reason: &str,
    by: &str,
    at: NaiveDateTime,
) -> StoreResult<bool> {
    let n = diesel::update(design_reviews::table.find(id).filter(design_reviews::outcome.is_null()))
        .set((
            design_reviews::outcome.eq(outcome),
            design_reviews::reason.eq(reason),
            design_reviews::decided_by.eq(by),
            design_reviews::decided_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}
