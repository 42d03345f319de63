//! Consultations, their menu items, and communities' own catalogue items.

use crate::communities::CommunityRow;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{catalog_items, communities, consultation_items, consultations};
use chrono::NaiveDateTime;
use diandan_domain::catalog::Category;
use diandan_domain::consultation::State;
use diandan_domain::electorate::ScopeKind;
use diandan_domain::tally::Rule;
use diesel::prelude::*;

/// A consultation as stored. Its state, and its items' category, scope and rule, are decoded
/// from TEXT into the domain's enums here, once: an unknown stored value fails the read (a 500
/// that is logged) — it never reads as a default (a default scope would widen who votes).
#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = consultations)]
pub struct ConsultationRow {
    pub id: String,
    pub community_id: String,
    pub title: String,
    pub description: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: State,
    pub announce_days: i32,
    pub objection_days: i32,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub announced_at: Option<NaiveDateTime>,
    pub opened_at: Option<NaiveDateTime>,
    pub closed_at: Option<NaiveDateTime>,
    pub preliminary_at: Option<NaiveDateTime>,
    pub objection_deadline: Option<NaiveDateTime>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub published_at: Option<NaiveDateTime>,
    pub extension_reason: Option<String>,
    pub roll_hash: Option<String>,
    pub menu_hash: Option<String>,
    pub roll_owners: i64,
    pub roll_area: i64,
    pub bulletin_seq: i64,
    pub bulletin_head: String,
    pub closing_head: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone, PartialEq)]
#[diesel(table_name = consultation_items)]
pub struct ItemRow {
    pub id: String,
    pub consultation_id: String,
    pub position: i32,
    pub code: String,
    pub name: String,
    pub description: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub category: Category,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub scope: ScopeKind,
    /// JSON array of building or unit ids; `[]` means all of them.
    pub targets: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub rule: Rule,
    pub rule_reason: Option<String>,
    pub estimated_cost_cents: Option<i64>,
    pub resident_share_bp: Option<i32>,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    /// JSON array of `{key, name}` (`diandan_domain::election::Candidate`); `[]`: a yes/no item.
    pub candidates: String,
    /// JSON of `diandan_domain::cost_share::Plan` for an item split by floor; None otherwise.
    pub cost_plan: Option<String>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = catalog_items)]
pub struct CatalogItemRow {
    pub id: String,
    pub community_id: String,
    pub code: String,
    pub name: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub category: Category,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub scope: ScopeKind,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub rule: Rule,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, row: &ConsultationRow) -> StoreResult<()> {
    diesel::insert_into(consultations::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ConsultationRow>> {
    Ok(consultations::table.find(id).select(ConsultationRow::as_select()).first(conn).optional()?)
}

/// The consultation and its community in one query (nearly every consultation request starts here).
pub fn with_community(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<(ConsultationRow, CommunityRow)>> {
    Ok(consultations::table
        .inner_join(communities::table.on(communities::id.eq(consultations::community_id)))
        .filter(consultations::id.eq(id))
        .select((ConsultationRow::as_select(), CommunityRow::as_select()))
        .first(conn)
        .optional()?)
}

pub fn list(
    conn: &mut AnyConnection,
    community_id: &str,
    states: Option<&[&str]>,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<ConsultationRow>> {
    let mut q = consultations::table
        .filter(consultations::community_id.eq(community_id.to_owned()))
        .select(ConsultationRow::as_select())
        .order((consultations::created_at.desc(), consultations::id.desc()))
        .into_boxed();
    if let Some(s) = states {
        q = q.filter(consultations::state.eq_any(s.iter().map(|x| x.to_string()).collect::<Vec<_>>()));
    }
    Ok(q.limit(limit).offset(offset).load(conn)?)
}

/// The consultations of `community_ids` opened or closed in [from, to).
pub fn opened_or_closed_between(
    conn: &mut AnyConnection,
    community_ids: &[String],
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> StoreResult<Vec<ConsultationRow>> {
    if community_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(consultations::table
        .filter(consultations::community_id.eq_any(community_ids))
        .filter(
            consultations::opened_at
                .ge(from)
                .and(consultations::opened_at.lt(to))
                .or(consultations::closed_at.ge(from).and(consultations::closed_at.lt(to))),
        )
        .order((consultations::opened_at.asc(), consultations::id.asc()))
        .select(ConsultationRow::as_select())
        .load(conn)?)
}

/// Consultations whose schedule is due: announced with opens_at ≤ now, or open with closes_at ≤ now.
pub fn due(conn: &mut AnyConnection, now: NaiveDateTime) -> StoreResult<Vec<ConsultationRow>> {
    Ok(consultations::table
        .filter(
            consultations::state
                .eq("announced")
                .and(consultations::opens_at.le(now))
                .or(consultations::state.eq("open").and(consultations::closes_at.le(now))),
        )
        .select(ConsultationRow::as_select())
        .load(conn)?)
}

/// Open consultations whose voting closes after `now` and no later than `until`.
pub fn closing_before(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> StoreResult<Vec<ConsultationRow>> {
    Ok(consultations::table
        .filter(consultations::state.eq("open"))
        .filter(consultations::closes_at.gt(now))
        .filter(consultations::closes_at.le(until))
        .select(ConsultationRow::as_select())
        .load(conn)?)
}

/// Rewrites the editable fields of a draft. Returns false if it is no longer a draft.
pub fn update_draft(conn: &mut AnyConnection, row: &ConsultationRow) -> StoreResult<bool> {
    let n = diesel::update(consultations::table.find(&row.id).filter(consultations::state.eq("draft")))
        .set((
            consultations::title.eq(&row.title),
            consultations::description.eq(&row.description),
            consultations::announce_days.eq(row.announce_days),
            consultations::objection_days.eq(row.objection_days),
            consultations::opens_at.eq(row.opens_at),
            consultations::closes_at.eq(row.closes_at),
            consultations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Moves `id` from state `from` to the state and fields of `row` (a full rewrite of the
/// lifecycle columns), only if it is still in `from`. Returns whether it moved.
pub fn transition(conn: &mut AnyConnection, from: State, row: &ConsultationRow) -> StoreResult<bool> {
    let n = diesel::update(consultations::table.find(&row.id).filter(consultations::state.eq(from.as_str())))
        .set((
            consultations::state.eq(row.state.as_str()),
            consultations::opens_at.eq(row.opens_at),
            consultations::closes_at.eq(row.closes_at),
            consultations::announced_at.eq(row.announced_at),
            consultations::opened_at.eq(row.opened_at),
            consultations::closed_at.eq(row.closed_at),
            consultations::preliminary_at.eq(row.preliminary_at),
            consultations::objection_deadline.eq(row.objection_deadline),
            consultations::reviewed_at.eq(row.reviewed_at),
            consultations::published_at.eq(row.published_at),
            consultations::extension_reason.eq(&row.extension_reason),
            consultations::roll_hash.eq(&row.roll_hash),
            consultations::menu_hash.eq(&row.menu_hash),
            consultations::roll_owners.eq(row.roll_owners),
            consultations::roll_area.eq(row.roll_area),
            consultations::closing_head.eq(&row.closing_head),
            consultations::updated_at.eq(row.updated_at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// The bulletin chain's length and head as the sealer left them.
pub fn bulletin_tip(conn: &mut AnyConnection, id: &str) -> StoreResult<(i64, String)> {
    Ok(consultations::table.find(id).select((consultations::bulletin_seq, consultations::bulletin_head)).first(conn)?)
}

pub fn insert_item(conn: &mut AnyConnection, row: &ItemRow) -> StoreResult<()> {
    diesel::insert_into(consultation_items::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn items(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Vec<ItemRow>> {
    Ok(consultation_items::table
        .filter(consultation_items::consultation_id.eq(consultation_id))
        .order((consultation_items::position.asc(), consultation_items::id.asc()))
        .select(ItemRow::as_select())
        .load(conn)?)
}

/// Items of several consultations in one query, in menu order.
pub fn items_of(conn: &mut AnyConnection, consultation_ids: &[String]) -> StoreResult<Vec<ItemRow>> {
    Ok(consultation_items::table
        .filter(consultation_items::consultation_id.eq_any(consultation_ids.to_vec()))
        .order((
            consultation_items::consultation_id.asc(),
            consultation_items::position.asc(),
            consultation_items::id.asc(),
        ))
        .select(ItemRow::as_select())
        .load(conn)?)
}

pub fn item(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ItemRow>> {
    Ok(consultation_items::table.find(id).select(ItemRow::as_select()).first(conn).optional()?)
}

pub fn delete_item(conn: &mut AnyConnection, id: &str) -> StoreResult<bool> {
    Ok(diesel::delete(consultation_items::table.find(id)).execute(conn)? == 1)
}

pub fn decide_item(
    conn: &mut AnyConnection,
    id: &str,
    decision: &str,
    reason: &str,
    by: &str,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::update(consultation_items::table.find(id))
        .set((
            consultation_items::decision.eq(decision),
            consultation_items::decision_reason.eq(reason),
            consultation_items::decided_by.eq(by),
            consultation_items::decided_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn insert_catalog_item(conn: &mut AnyConnection, row: &CatalogItemRow) -> StoreResult<()> {
    diesel::insert_into(catalog_items::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn catalog_items(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<CatalogItemRow>> {
    Ok(catalog_items::table
        .filter(catalog_items::community_id.eq(community_id))
        .order(catalog_items::code.asc())
        .select(CatalogItemRow::as_select())
        .load(conn)?)
}
