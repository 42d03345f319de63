//! The community roster: buildings, units and dwellings, and the idempotent import.

use crate::clock;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{buildings, dwellings, units};
use chrono::NaiveDateTime;
use diandan_domain::roster::RosterRow;
use diandan_domain::time;
use diesel::prelude::*;
use std::collections::HashMap;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = buildings)]
pub struct BuildingRow {
    pub id: String,
    pub community_id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = units)]
pub struct UnitRow {
    pub id: String,
    pub community_id: String,
    pub building_id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone, PartialEq)]
#[diesel(table_name = dwellings)]
pub struct DwellingRow {
    pub id: String,
    pub community_id: String,
    pub building_id: String,
    pub unit_id: String,
    pub room: String,
    pub floor: i32,
    pub area_centi: i64,
    pub owner_key: String,
    pub owner_name: Option<String>,
    pub registered_phone: Option<String>,
    pub developer_held: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// registered | surveyed | contract | given (`diandan_domain::roster::AreaSource`).
    pub area_source: String,
}

/// A dwelling with its building and unit names.
#[derive(Debug, Clone)]
pub struct DwellingView {
    pub dwelling: DwellingRow,
    pub building: String,
    pub unit: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub buildings_created: u64,
    pub units_created: u64,
}

/// Rows per multi-row INSERT: 13 columns × 500 stays far below SQLite's and PostgreSQL's
/// bound-parameter limits.
const BATCH: usize = 500;

/// Applies parsed roster rows to a community inside the caller's transaction. Idempotent by
/// (building, unit, room): a known dwelling is updated only when a field differs. `progress`
/// is called with the number of rows processed so far.
pub fn import(
    conn: &mut AnyConnection,
    community_id: &str,
    rows: &[RosterRow],
    progress: &mut dyn FnMut(u64),
) -> StoreResult<ImportSummary> {
    let now = time::to_db(clock::now());
    let mut summary = ImportSummary { rows: rows.len() as u64, ..Default::default() };

    let mut building_ids: HashMap<String, String> = buildings::table
        .filter(buildings::community_id.eq(community_id))
        .select((buildings::name, buildings::id))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    let mut new_buildings = Vec::new();
    for r in rows {
        if !building_ids.contains_key(&r.building) {
            let row = BuildingRow {
                id: clock::new_id(),
                community_id: community_id.into(),
                name: r.building.clone(),
                created_at: now,
            };
            building_ids.insert(r.building.clone(), row.id.clone());
            new_buildings.push(row);
        }
    }
    for chunk in new_buildings.chunks(BATCH) {
        crate::batch_insert!(conn, buildings::table, chunk);
    }
    summary.buildings_created = new_buildings.len() as u64;

    let mut unit_ids: HashMap<(String, String), String> = units::table
        .filter(units::community_id.eq(community_id))
        .select((units::building_id, units::name, units::id))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(b, n, id)| ((b, n), id))
        .collect();
    let mut new_units = Vec::new();
    for r in rows {
        let b = building_ids[&r.building].clone();
        let key = (b.clone(), r.unit.clone());
        if !unit_ids.contains_key(&key) {
            let row = UnitRow {
                id: clock::new_id(),
                community_id: community_id.into(),
                building_id: b,
                name: r.unit.clone(),
                created_at: now,
            };
            unit_ids.insert(key, row.id.clone());
            new_units.push(row);
        }
    }
    for chunk in new_units.chunks(BATCH) {
        crate::batch_insert!(conn, units::table, chunk);
    }
    summary.units_created = new_units.len() as u64;

    let mut existing: HashMap<(String, String), DwellingRow> = dwellings::table
        .filter(dwellings::community_id.eq(community_id))
        .select(DwellingRow::as_select())
        .load::<DwellingRow>(conn)?
        .into_iter()
        .map(|d| ((d.unit_id.clone(), d.room.clone()), d))
        .collect();

    let mut inserts = Vec::new();
    let mut processed = 0u64;
    for r in rows {
        let building_id = building_ids[&r.building].clone();
        let unit_id = unit_ids[&(building_id.clone(), r.unit.clone())].clone();
        match existing.remove(&(unit_id.clone(), r.room.clone())) {
            None => inserts.push(DwellingRow {
                id: clock::new_id(),
                community_id: community_id.into(),
                building_id,
                unit_id,
                room: r.room.clone(),
                floor: r.floor,
                area_centi: r.area.hundredths(),
                owner_key: r.owner_key.clone(),
                owner_name: r.owner_name.clone(),
                registered_phone: r.phone.clone(),
                developer_held: r.developer_held,
                created_at: now,
                updated_at: now,
                area_source: r.area_source.as_str().into(),
            }),
            Some(d) => {
                let same = d.floor == r.floor
                    && d.area_centi == r.area.hundredths()
                    && d.owner_key == r.owner_key
                    && d.owner_name == r.owner_name
                    && d.registered_phone == r.phone
                    && d.developer_held == r.developer_held
                    && d.area_source == r.area_source.as_str();
                if same {
                    summary.unchanged += 1;
                } else {
                    diesel::update(dwellings::table.find(&d.id))
                        .set((
                            dwellings::floor.eq(r.floor),
                            dwellings::area_centi.eq(r.area.hundredths()),
                            dwellings::owner_key.eq(&r.owner_key),
                            dwellings::owner_name.eq(&r.owner_name),
                            dwellings::registered_phone.eq(&r.phone),
                            dwellings::developer_held.eq(r.developer_held),
                            dwellings::area_source.eq(r.area_source.as_str()),
                            dwellings::updated_at.eq(now),
                        ))
                        .execute(conn)?;
                    summary.updated += 1;
                }
                processed += 1;
                if processed % 1000 == 0 {
                    progress(processed);
                }
            }
        }
    }
    for chunk in inserts.chunks(BATCH) {
        crate::batch_insert!(conn, dwellings::table, chunk);
        processed += chunk.len() as u64;
        progress(processed);
    }
    summary.created = inserts.len() as u64;
    progress(summary.rows);
    Ok(summary)
}

pub fn dwelling(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<DwellingRow>> {
    Ok(dwellings::table.find(id).select(DwellingRow::as_select()).first(conn).optional()?)
}

pub struct DwellingFilter {
    pub building_id: Option<String>,
    pub unit_id: Option<String>,
    pub room: Option<String>,
}

pub fn dwellings(
    conn: &mut AnyConnection,
    community_id: &str,
    f: &DwellingFilter,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<DwellingView>> {
    let mut q = dwellings::table
        .inner_join(buildings::table)
        .inner_join(units::table)
        .filter(dwellings::community_id.eq(community_id.to_owned()))
        .select((DwellingRow::as_select(), buildings::name, units::name))
        .order((buildings::name.asc(), units::name.asc(), dwellings::room.asc()))
        .into_boxed();
    if let Some(b) = &f.building_id {
        q = q.filter(dwellings::building_id.eq(b.clone()));
    }
    if let Some(u) = &f.unit_id {
        q = q.filter(dwellings::unit_id.eq(u.clone()));
    }
    if let Some(r) = &f.room {
        q = q.filter(dwellings::room.eq(r.clone()));
    }
    Ok(q.limit(limit)
        .offset(offset)
        .load::<(DwellingRow, String, String)>(conn)?
        .into_iter()
        .map(|(dwelling, building, unit)| DwellingView { dwelling, building, unit })
        .collect())
}

/// One unit of the building tree, with its dwelling count and total area.
#[derive(Debug, Clone)]
pub struct UnitSummary {
    pub unit: UnitRow,
    pub dwellings: i64,
    pub area_centi: i64,
}

pub fn tree(conn: &mut AnyConnection, community_id: &str) -> StoreResult<(Vec<BuildingRow>, Vec<UnitSummary>)> {
    let bs = buildings::table
        .filter(buildings::community_id.eq(community_id))
        .order(buildings::name.asc())
        .select(BuildingRow::as_select())
        .load(conn)?;
    let us: Vec<UnitRow> = units::table
        .filter(units::community_id.eq(community_id))
        .order(units::name.asc())
        .select(UnitRow::as_select())
        .load(conn)?;
    let mut out = Vec::new();
    // Summed per unit in Rust: SUM's result type differs between the backends (NUMERIC vs
    // BIGINT), and a community has at most a few thousand dwellings.
    let rows: Vec<(String, i64)> = dwellings::table
        .filter(dwellings::community_id.eq(community_id))
        .select((dwellings::unit_id, dwellings::area_centi))
        .load(conn)?;
    let mut per_unit: HashMap<String, (i64, i64)> = HashMap::new();
    for (u, a) in rows {
        let e = per_unit.entry(u).or_default();
        e.0 += 1;
        e.1 += a;
    }
    for unit in us {
        let (n, a) = per_unit.get(&unit.id).copied().unwrap_or_default();
        out.push(UnitSummary { unit, dwellings: n, area_centi: a });
    }
    Ok((bs, out))
}

/// Building and unit names of a community, without touching its dwellings (for labels).
pub fn names(conn: &mut AnyConnection, community_id: &str) -> StoreResult<(Vec<BuildingRow>, Vec<UnitRow>)> {
    let bs = buildings::table
        .filter(buildings::community_id.eq(community_id))
        .order(buildings::name.asc())
        .select(BuildingRow::as_select())
        .load(conn)?;
    let us = units::table
        .filter(units::community_id.eq(community_id))
        .order(units::name.asc())
        .select(UnitRow::as_select())
        .load(conn)?;
    Ok((bs, us))
}

/// Every name known in a community: owners on the roster and the display names of residents
/// who claimed a dwelling there (used to keep names out of anonymised comments).
pub fn known_names(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<String>> {
    use crate::schema::{bindings, users};
    let mut names: Vec<String> = dwellings::table
        .filter(dwellings::community_id.eq(community_id))
        .filter(dwellings::owner_name.is_not_null())
        .select(dwellings::owner_name.assume_not_null())
        .distinct()
        .load(conn)?;
    let residents: Vec<String> = bindings::table
        .inner_join(users::table.on(users::id.eq(bindings::user_id)))
        .filter(bindings::community_id.eq(community_id))
        .select(users::display_name)
        .distinct()
        .load(conn)?;
    names.extend(residents);
    // Ordered (longest first) and deduplicated by `diandan_domain::scrub::Scrubber`, which uses them.
    Ok(names)
}
