//! Complaints (work orders), their events, "me too" marks, and the community's quality
//! supervisors who file renovation-works reports.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{complaint_events, complaint_me_too, complaints, quality_supervisors};
use chrono::NaiveDateTime;
use diandan_domain::complaint::{Category, Status, Urgency};
use diesel::prelude::*;

/// A work order as stored. Its category, urgency and status are decoded from their TEXT
/// columns into the domain's enums here, once: an unknown stored value fails the read (a 500
/// that is logged), it is never read as some default.
#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = complaints)]
pub struct ComplaintRow {
    pub id: String,
    pub community_id: String,
    pub submitted_by: String,
    pub dwelling_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub category: Category,
    pub catalog_code: Option<String>,
    pub description: String,
    pub location_kind: String,
    pub building_id: Option<String>,
    pub unit_id: Option<String>,
    pub place: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub urgency: Urgency,
    pub contact_me: bool,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: Status,
    pub assignee: Option<String>,
    pub company_id: Option<String>,
    pub deadline_at: NaiveDateTime,
    pub first_response_at: Option<NaiveDateTime>,
    pub replied_at: Option<NaiveDateTime>,
    pub ever_late: bool,
    pub satisfied_count: i32,
    pub unsatisfied_count: i32,
    pub me_too_count: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

/// The fields a lifecycle step may change.
#[derive(AsChangeset, Debug, Clone)]
#[diesel(table_name = complaints, treat_none_as_null = true)]
pub struct Progress {
    #[diesel(serialize_as = String)]
    pub status: Status,
    pub assignee: Option<String>,
    pub company_id: Option<String>,
    pub deadline_at: NaiveDateTime,
    pub first_response_at: Option<NaiveDateTime>,
    pub replied_at: Option<NaiveDateTime>,
    pub ever_late: bool,
    pub satisfied_count: i32,
    pub unsatisfied_count: i32,
    pub me_too_count: i32,
    pub updated_at: NaiveDateTime,
    pub closed_at: Option<NaiveDateTime>,
}

impl ComplaintRow {
    /// The row as it stands after `p` was written (no need to read it back).
    pub fn advanced(self, p: Progress) -> ComplaintRow {
        ComplaintRow {
            status: p.status,
            assignee: p.assignee,
            company_id: p.company_id,
            deadline_at: p.deadline_at,
            first_response_at: p.first_response_at,
            replied_at: p.replied_at,
            ever_late: p.ever_late,
            satisfied_count: p.satisfied_count,
            unsatisfied_count: p.unsatisfied_count,
            me_too_count: p.me_too_count,
            updated_at: p.updated_at,
            closed_at: p.closed_at,
            ..self
        }
    }

    pub fn progress(&self) -> Progress {
        Progress {
            status: self.status,
            assignee: self.assignee.clone(),
            company_id: self.company_id.clone(),
            deadline_at: self.deadline_at,
            first_response_at: self.first_response_at,
            replied_at: self.replied_at,
            ever_late: self.ever_late,
            satisfied_count: self.satisfied_count,
            unsatisfied_count: self.unsatisfied_count,
            me_too_count: self.me_too_count,
            updated_at: self.updated_at,
            closed_at: self.closed_at,
        }
    }
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = complaint_events)]
pub struct EventRow {
    pub id: String,
    pub complaint_id: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: String,
    /// resident | committee | property | admin: what the actor acted as.
    pub actor_role: String,
    pub note: Option<String>,
    pub at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, row: &ComplaintRow) -> StoreResult<()> {
    diesel::insert_into(complaints::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ComplaintRow>> {
    Ok(complaints::table.find(id).select(ComplaintRow::as_select()).first(conn).optional()?)
}

/// Applies a step if the order is still in the status it was read in; false when another
/// request moved it first (the caller answers 409 and nothing is written).
pub fn advance(conn: &mut AnyConnection, id: &str, from_status: &str, p: &Progress) -> StoreResult<bool> {
    let n = diesel::update(complaints::table.find(id).filter(complaints::status.eq(from_status)))
        .set(p.clone())
        .execute(conn)?;
    Ok(n == 1)
}

pub fn insert_event(conn: &mut AnyConnection, row: &EventRow) -> StoreResult<()> {
    diesel::insert_into(complaint_events::table).values(row).execute(conn)?;
    Ok(())
}

pub fn events(conn: &mut AnyConnection, complaint_id: &str) -> StoreResult<Vec<EventRow>> {
    Ok(complaint_events::table
        .filter(complaint_events::complaint_id.eq(complaint_id))
        .order((complaint_events::at.asc(), complaint_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?)
}

/// Records a "me too"; a second mark by the same user is a unique violation (→ Conflict).
pub fn me_too(conn: &mut AnyConnection, complaint_id: &str, user_id: &str, at: NaiveDateTime) -> StoreResult<()> {
    diesel::insert_into(complaint_me_too::table)
        .values((
            complaint_me_too::complaint_id.eq(complaint_id),
            complaint_me_too::user_id.eq(user_id),
            complaint_me_too::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// What a list may be narrowed to. Overdue means: the handler owes an answer past the deadline.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub community_id: Option<String>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub building_id: Option<String>,
    pub assignee: Option<String>,
    pub company_id: Option<String>,
    pub submitted_by: Option<String>,
    /// Some(now): only orders overdue at `now`.
    pub overdue_at: Option<NaiveDateTime>,
}

/// Statuses in which the handler owes an answer (see `domain::complaint::Status::awaits_handler`).
const AWAITING: [&str; 5] = ["submitted", "accepted", "assigned", "in_progress", "reopened"];

pub fn list(conn: &mut AnyConnection, f: &Filter, limit: i64, offset: i64) -> StoreResult<Vec<ComplaintRow>> {
    let mut q = complaints::table.select(ComplaintRow::as_select()).into_boxed();
    if let Some(v) = &f.community_id {
        q = q.filter(complaints::community_id.eq(v.clone()));
    }
    if let Some(v) = &f.status {
        q = q.filter(complaints::status.eq(v.clone()));
    }
    if let Some(v) = &f.category {
        q = q.filter(complaints::category.eq(v.clone()));
    }
    if let Some(v) = &f.building_id {
        q = q.filter(complaints::building_id.eq(v.clone()));
    }
    if let Some(v) = &f.assignee {
        q = q.filter(complaints::assignee.eq(v.clone()));
    }
    if let Some(v) = &f.company_id {
        q = q.filter(complaints::company_id.eq(v.clone()));
    }
    if let Some(v) = &f.submitted_by {
        q = q.filter(complaints::submitted_by.eq(v.clone()));
    }
    if let Some(now) = f.overdue_at {
        q = q.filter(complaints::deadline_at.lt(now)).filter(complaints::status.eq_any(AWAITING));
    }
    Ok(q.order((complaints::created_at.desc(), complaints::id.desc())).limit(limit).offset(offset).load(conn)?)
}

/// The facts the figures are computed from: category, status, deadline, first response,
/// reply, ever late, satisfied and unsatisfied evaluations.
pub type FactRow = (String, String, NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>, bool, i32, i32);

/// (community, company, facts) of the orders received in [from, to) in any of `communities`
/// or assigned to any of `companies` (one query for a whole page of results).
pub type OwnedFactRow = (String, Option<String>, FactRow);

pub fn facts_of(
    conn: &mut AnyConnection,
    communities: &[String],
    companies: &[String],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> StoreResult<Vec<OwnedFactRow>> {
    Ok(complaints::table
        .filter(complaints::created_at.ge(from))
        .filter(complaints::created_at.lt(to))
        .filter(
            complaints::community_id.eq_any(communities.to_vec()).or(complaints::company_id.eq_any(companies.to_vec())),
        )
        .select((
            complaints::community_id,
            complaints::company_id,
            (
                complaints::category,
                complaints::status,
                complaints::deadline_at,
                complaints::first_response_at,
                complaints::replied_at,
                complaints::ever_late,
                complaints::satisfied_count,
                complaints::unsatisfied_count,
            ),
        ))
        .load(conn)?)
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = quality_supervisors)]
pub struct SupervisorRow {
    pub id: String,
    pub community_id: String,
    pub user_id: String,
    pub appointed_by: String,
    pub appointed_at: NaiveDateTime,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
}

pub fn appoint_supervisor(conn: &mut AnyConnection, row: &SupervisorRow) -> StoreResult<()> {
    diesel::insert_into(quality_supervisors::table).values(row).execute(conn)?;
    Ok(())
}

pub fn active_supervisor(
    conn: &mut AnyConnection,
    community_id: &str,
    user_id: &str,
) -> StoreResult<Option<SupervisorRow>> {
    Ok(quality_supervisors::table
        .filter(quality_supervisors::community_id.eq(community_id))
        .filter(quality_supervisors::user_id.eq(user_id))
        .filter(quality_supervisors::revoked_at.is_null())
        .select(SupervisorRow::as_select())
        .first(conn)
        .optional()?)
}

pub fn supervisors(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<SupervisorRow>> {
    Ok(quality_supervisors::table
        .filter(quality_supervisors::community_id.eq(community_id))
        .filter(quality_supervisors::revoked_at.is_null())
        .order(quality_supervisors::appointed_at.asc())
        .select(SupervisorRow::as_select())
        .load(conn)?)
}

pub fn revoke_supervisor(conn: &mut AnyConnection, id: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(quality_supervisors::table.find(id).filter(quality_supervisors::revoked_at.is_null()))
        .set((quality_supervisors::revoked_by.eq(by), quality_supervisors::revoked_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// What a view of an order needs besides its row: the submitter's dwelling as building, unit and
/// room (shown masked), the location's names, and the submitter's verified phone (shown masked,
/// and only when the resident asked to be contacted).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub building: String,
    pub unit: String,
    pub room: String,
    pub submitter_phone: Option<String>,
}

/// Labels of the given orders, in one query.
pub fn labels(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<std::collections::HashMap<String, Labels>> {
    use crate::schema::{buildings, dwellings, units, users};
    let rows: Vec<(String, String, String, String, Option<String>)> = complaints::table
        .inner_join(dwellings::table.on(dwellings::id.eq(complaints::dwelling_id)))
        .inner_join(buildings::table.on(buildings::id.eq(dwellings::building_id)))
        .inner_join(units::table.on(units::id.eq(dwellings::unit_id)))
        .inner_join(users::table.on(users::id.eq(complaints::submitted_by)))
        .filter(complaints::id.eq_any(ids.to_vec()))
        .select((complaints::id, buildings::name, units::name, dwellings::room, users::phone))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, building, unit, room, submitter_phone)| (id, Labels { building, unit, room, submitter_phone }))
        .collect())
}
