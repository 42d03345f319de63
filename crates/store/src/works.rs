//! The works of a project and their acceptance: the parties, problem and stop-work notices,
//! milestones per measure, the residents' satisfaction ratings and the committee's acceptance
//! decisions.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{acceptance_ratings, project_acceptances, project_parties, works_milestones, works_notices};
use chrono::NaiveDateTime;
use diandan_domain::works::{Decision, Milestone, NoticeKind, NoticeSource, Party, Satisfaction};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = project_parties)]
pub struct PartyRow {
    pub project_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub party: Party,
    pub name: String,
    pub contact_user_id: Option<String>,
    pub named_by: String,
    pub named_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = works_notices)]
pub struct NoticeRow {
    pub id: String,
    pub project_id: String,
    pub measure_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: NoticeKind,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub source: NoticeSource,
    pub complaint_id: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub responsible: Party,
    pub problem: String,
    pub deadline: NaiveDateTime,
    pub issued_by: String,
    pub issued_at: NaiveDateTime,
    pub plan: Option<String>,
    pub plan_by: Option<String>,
    pub plan_at: Option<NaiveDateTime>,
    pub closed_by: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    pub close_note: Option<String>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = works_milestones)]
pub struct MilestoneRow {
    pub measure_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub milestone: Milestone,
    pub project_id: String,
    pub note: String,
    pub posted_by: String,
    pub posted_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = acceptance_ratings)]
pub struct RatingRow {
    pub id: String,
    pub project_id: String,
    pub measure_id: String,
    pub dwelling_id: String,
    pub user_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub level: Satisfaction,
    pub comment: Option<String>,
    pub rated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = project_acceptances)]
pub struct AcceptanceRow {
    pub id: String,
    pub project_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub decision: Decision,
    pub reason: String,
    pub figures: String,
    pub decided_by: String,
    pub decided_at: NaiveDateTime,
}

pub fn parties(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<PartyRow>> {
    let mut rows: Vec<PartyRow> = project_parties::table
        .filter(project_parties::project_id.eq(project_id))
        .select(PartyRow::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| r.party);
    Ok(rows)
}

/// Names `row.party` of the project, replacing an earlier naming; answers the one replaced.
pub fn name_party(conn: &mut AnyConnection, row: &PartyRow) -> StoreResult<Option<PartyRow>> {
    let earlier = project_parties::table
        .find((&row.project_id, row.party.as_str()))
        .select(PartyRow::as_select())
        .first(conn)
        .optional()?;
    diesel::delete(project_parties::table.find((&row.project_id, row.party.as_str()))).execute(conn)?;
    diesel::insert_into(project_parties::table).values(row.clone()).execute(conn)?;
    Ok(earlier)
}

pub fn insert_notice(conn: &mut AnyConnection, row: &NoticeRow) -> StoreResult<()> {
    diesel::insert_into(works_notices::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn notice(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<NoticeRow>> {
    Ok(works_notices::table.find(id).select(NoticeRow::as_select()).first(conn).optional()?)
}

/// The project's notices in the order they were issued.
pub fn notices(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<NoticeRow>> {
    Ok(works_notices::table
        .filter(works_notices::project_id.eq(project_id))
        .order((works_notices::issued_at.asc(), works_notices::id.asc()))
        .select(NoticeRow::as_select())
        .load(conn)?)
}

/// Records the rectification plan of an open notice (a later plan replaces the earlier);
/// false when the notice is closed.
pub fn set_plan(conn: &mut AnyConnection, id: &str, plan: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(works_notices::table.find(id).filter(works_notices::closed_at.is_null()))
        .set((works_notices::plan.eq(plan), works_notices::plan_by.eq(by), works_notices::plan_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Closes (销号) or lifts a notice; false when it was closed already.
pub fn close(conn: &mut AnyConnection, id: &str, note: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(works_notices::table.find(id).filter(works_notices::closed_at.is_null()))
        .set((works_notices::close_note.eq(note), works_notices::closed_by.eq(by), works_notices::closed_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// How many of the project's notices are not closed.
pub fn open_notices(conn: &mut AnyConnection, project_id: &str) -> StoreResult<i64> {
    Ok(works_notices::table
        .filter(works_notices::project_id.eq(project_id))
        .filter(works_notices::closed_at.is_null())
        .count()
        .get_result(conn)?)
}

/// Whether a stop-work notice holds measure `measure_id`.
pub fn stopped(conn: &mut AnyConnection, measure_id: &str) -> StoreResult<bool> {
    let n: i64 = works_notices::table
        .filter(works_notices::measure_id.eq(measure_id))
        .filter(works_notices::kind.eq(NoticeKind::StopWork.as_str()))
        .filter(works_notices::closed_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

pub fn milestones(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<MilestoneRow>> {
    let mut rows: Vec<MilestoneRow> = works_milestones::table
        .filter(works_milestones::project_id.eq(project_id))
        .select(MilestoneRow::as_select())
        .load(conn)?;
    rows.sort_by(|a, b| (&a.measure_id, a.milestone).cmp(&(&b.measure_id, b.milestone)));
    Ok(rows)
}

pub fn insert_milestone(conn: &mut AnyConnection, row: &MilestoneRow) -> StoreResult<()> {
    diesel::insert_into(works_milestones::table).values(row.clone()).execute(conn)?;
    Ok(())
}

/// Records `rows`, each replacing the dwelling's earlier rating of the same measure (which
/// keeps its id, so a hold on its comment stays with it); answers the ids stored, in order.
pub fn rate(conn: &mut AnyConnection, rows: &[RatingRow]) -> StoreResult<Vec<String>> {
    let mut ids = Vec::with_capacity(rows.len());
    for r in rows {
        let earlier: Option<String> = acceptance_ratings::table
            .filter(acceptance_ratings::measure_id.eq(&r.measure_id))
            .filter(acceptance_ratings::dwelling_id.eq(&r.dwelling_id))
            .select(acceptance_ratings::id)
            .first(conn)
            .optional()?;
        match earlier {
            Some(id) => {
                diesel::update(acceptance_ratings::table.find(&id))
                    .set((
                        acceptance_ratings::level.eq(r.level.as_str()),
                        acceptance_ratings::comment.eq(&r.comment),
                        acceptance_ratings::user_id.eq(&r.user_id),
                        acceptance_ratings::rated_at.eq(r.rated_at),
                    ))
                    .execute(conn)?;
                ids.push(id);
            }
            None => {
                diesel::insert_into(acceptance_ratings::table).values(r.clone()).execute(conn)?;
                ids.push(r.id.clone());
            }
        }
    }
    Ok(ids)
}

/// The project's satisfaction ratings, oldest first.
pub fn ratings(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<RatingRow>> {
    Ok(acceptance_ratings::table
        .filter(acceptance_ratings::project_id.eq(project_id))
        .order((acceptance_ratings::rated_at.asc(), acceptance_ratings::id.asc()))
        .select(RatingRow::as_select())
        .load(conn)?)
}

/// The ratings of several projects, for the district's list.
pub fn ratings_of(conn: &mut AnyConnection, project_ids: &[String]) -> StoreResult<Vec<RatingRow>> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(acceptance_ratings::table
        .filter(acceptance_ratings::project_id.eq_any(project_ids))
        .select(RatingRow::as_select())
        .load(conn)?)
}

/// The (project, closed?, deadline) of several projects' notices, for the district's list.
pub fn notices_of(
    conn: &mut AnyConnection,
    project_ids: &[String],
) -> StoreResult<Vec<(String, Option<NaiveDateTime>, NaiveDateTime)>> {
    if project_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(works_notices::table
        .filter(works_notices::project_id.eq_any(project_ids))
        .select((works_notices::project_id, works_notices::closed_at, works_notices::deadline))
        .load(conn)?)
}

pub fn insert_acceptance(conn: &mut AnyConnection, row: &AcceptanceRow) -> StoreResult<()> {
    diesel::insert_into(project_acceptances::table).values(row.clone()).execute(conn)?;
    Ok(())
}

/// The project's acceptance decisions, oldest first.
pub fn acceptances(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<AcceptanceRow>> {
    Ok(project_acceptances::table
        .filter(project_acceptances::project_id.eq(project_id))
        .order((project_acceptances::decided_at.asc(), project_acceptances::id.asc()))
        .select(AcceptanceRow::as_select())
        .load(conn)?)
}
