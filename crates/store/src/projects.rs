//! Renovation projects (怎么改): the project of a published consultation, the phases it went
//! through, and the designer's versions with their measures and the demand items each answers.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{design_measures, designs, measure_items, project_phases, projects};
use chrono::NaiveDateTime;
use diandan_domain::project::{DesignState, Phase};
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = projects)]
pub struct ProjectRow {
    pub id: String,
    pub community_id: String,
    pub consultation_id: String,
    pub title: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub phase: Phase,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    /// Written at creation and by [`enter_phase`] only: when the current phase began.
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = project_phases)]
pub struct PhaseRow {
    pub id: String,
    pub project_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub phase: Phase,
    pub started_at: NaiveDateTime,
    pub started_by: Option<String>,
    pub ended_at: Option<NaiveDateTime>,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = designs)]
pub struct DesignRow {
    pub id: String,
    pub project_id: String,
    pub version: i32,
    pub note: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub state: DesignState,
    pub submitted_by: String,
    pub submitted_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = design_measures)]
pub struct MeasureRow {
    pub id: String,
    pub design_id: String,
    pub position: i32,
    pub key: String,
    pub title: String,
    pub description: String,
    pub estimated_cost_cents: Option<i64>,
    pub resident_share_bp: Option<i32>,
    /// JSON {"buildings": [ids], "units": [ids]}.
    pub targets: String,
    pub unlinked_reason: Option<String>,
    /// JSON array of document references.
    pub refs: String,
}

pub fn insert(conn: &mut AnyConnection, row: &ProjectRow) -> StoreResult<()> {
    diesel::insert_into(projects::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ProjectRow>> {
    Ok(projects::table.find(id).select(ProjectRow::as_select()).first(conn).optional()?)
}

pub fn of_community(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<ProjectRow>> {
    Ok(projects::table
        .filter(projects::community_id.eq(community_id))
        .order(projects::created_at.desc())
        .select(ProjectRow::as_select())
        .load(conn)?)
}

/// The projects of district `district_id` with their community's name, oldest first.
pub fn in_district(conn: &mut AnyConnection, district_id: &str) -> StoreResult<Vec<(ProjectRow, String)>> {
    use crate::schema::communities;
    Ok(projects::table
        .inner_join(communities::table.on(communities::id.eq(projects::community_id)))
        .filter(communities::district_id.eq(district_id))
        .order((projects::created_at.asc(), projects::id.asc()))
        .select((ProjectRow::as_select(), communities::name))
        .load(conn)?)
}

/// Moves project `id` from phase `from` to `to` at `at` by `by`, closing the current phase's
/// row and opening the next; false when the project was no longer in `from` (a concurrent step).
pub fn enter_phase(
    conn: &mut AnyConnection,
    id: &str,
    from: Phase,
    to: Phase,
    by: &str,
    at: NaiveDateTime,
    new_id: String,
) -> StoreResult<bool> {
    let n = diesel::update(projects::table.find(id).filter(projects::phase.eq(from.as_str())))
        .set((projects::phase.eq(to.as_str()), projects::updated_at.eq(at)))
        .execute(conn)?;
    if n == 0 {
        return Ok(false);
    }
    diesel::update(
        project_phases::table.filter(project_phases::project_id.eq(id)).filter(project_phases::ended_at.is_null()),
    )
    .set(project_phases::ended_at.eq(at))
    .execute(conn)?;
    start_phase(
        conn,
        &PhaseRow {
            id: new_id,
            project_id: id.into(),
            phase: to,
            started_at: at,
            started_by: Some(by.into()),
            ended_at: None,
        },
    )?;
    Ok(true)
}

pub fn start_phase(conn: &mut AnyConnection, row: &PhaseRow) -> StoreResult<()> {
    diesel::insert_into(project_phases::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn phases(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<PhaseRow>> {
    Ok(project_phases::table
        .filter(project_phases::project_id.eq(project_id))
        .order((project_phases::started_at.asc(), project_phases::id.asc()))
        .select(PhaseRow::as_select())
        .load(conn)?)
}

/// Stores a design version with its measures and the items each answers (`links`: measure id → item ids).
pub fn insert_design(
    conn: &mut AnyConnection,
    design: &DesignRow,
    measures: &[MeasureRow],
    links: &[(String, String)],
) -> StoreResult<()> {
    diesel::insert_into(designs::table).values(design.clone()).execute(conn)?;
    for m in measures {
        diesel::insert_into(design_measures::table).values(m).execute(conn)?;
    }
    for (measure_id, item_id) in links {
        diesel::insert_into(measure_items::table)
            .values((measure_items::measure_id.eq(measure_id), measure_items::item_id.eq(item_id)))
            .execute(conn)?;
    }
    Ok(())
}

pub fn design(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<DesignRow>> {
    Ok(designs::table.find(id).select(DesignRow::as_select()).first(conn).optional()?)
}

/// The versions of a project, newest first.
pub fn designs(conn: &mut AnyConnection, project_id: &str) -> StoreResult<Vec<DesignRow>> {
    Ok(designs::table
        .filter(designs::project_id.eq(project_id))
        .order(designs::version.desc())
        .select(DesignRow::as_select())
        .load(conn)?)
}

/// Sets design `id`'s state from `from` to `to`; false when it was no longer in `from`.
pub fn set_design_state(conn: &mut AnyConnection, id: &str, from: DesignState, to: DesignState) -> StoreResult<bool> {
    let n = diesel::update(designs::table.find(id).filter(designs::state.eq(from.as_str())))
        .set(designs::state.eq(to.as_str()))
        .execute(conn)?;
    Ok(n == 1)
}

/// The measures of design `design_id` in their order, each with the items it answers.
pub fn measures(conn: &mut AnyConnection, design_id: &str) -> StoreResult<Vec<(MeasureRow, Vec<String>)>> {
    let rows: Vec<MeasureRow> = design_measures::table
        .filter(design_measures::design_id.eq(design_id))
        .order(design_measures::position.asc())
        .select(MeasureRow::as_select())
        .load(conn)?;
    let links: Vec<(String, String)> = measure_items::table
        .inner_join(design_measures::table)
        .filter(design_measures::design_id.eq(design_id))
        .select((measure_items::measure_id, measure_items::item_id))
        .load(conn)?;
    let mut by_measure: HashMap<String, Vec<String>> = HashMap::new();
    for (m, i) in links {
        by_measure.entry(m).or_default().push(i);
    }
    Ok(rows
        .into_iter()
        .map(|m| {
            let mut items = by_measure.remove(&m.id).unwrap_or_default();
            items.sort();
            (m, items)
        })
        .collect())
}
