//! Demand lists fixed at publication, and the complaint counts read beside them.

use crate::communities::CommunityRow;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{communities, complaints, demand_items, demand_lists};
use chrono::NaiveDateTime;
use diesel::dsl::count_star;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = demand_lists)]
pub struct ListRow {
    pub consultation_id: String,
    pub community_id: String,
    pub district_id: String,
    pub published_at: NaiveDateTime,
    /// The list as served (JSON), without complaint counts.
    pub body: String,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone, PartialEq, Eq)]
#[diesel(table_name = demand_items)]
pub struct ItemRow {
    pub consultation_id: String,
    pub item_id: String,
    pub community_id: String,
    pub district_id: String,
    pub code: String,
    pub name: String,
    pub category: String,
    pub approved: bool,
    pub passed_instances: i64,
    pub instances: i64,
    pub support_heads: i64,
    pub support_area: i64,
    pub oppose_heads: i64,
    pub oppose_area: i64,
    pub abstain_heads: i64,
    pub abstain_area: i64,
    pub participating_heads: i64,
    pub participating_area: i64,
    pub total_heads: i64,
    pub total_area: i64,
    pub priority_score: i64,
    pub copay_willing: i64,
}

pub fn insert(conn: &mut AnyConnection, list: &ListRow, items: &[ItemRow]) -> StoreResult<()> {
    diesel::insert_into(demand_lists::table).values(list).execute(conn)?;
    if !items.is_empty() {
        crate::batch_insert!(conn, demand_items::table, items);
    }
    Ok(())
}

/// The community and the consultation whose list it shows — `consultation_id` if it has a
/// list, else the one published last — in one query (not boxed: a prepared statement each):
/// None when there is no such community, `(community, None)` when it has no list (with that id).
pub fn community_and_list(
    conn: &mut AnyConnection,
    community_id: &str,
    consultation_id: Option<&str>,
) -> StoreResult<Option<(CommunityRow, Option<String>)>> {
    let base = communities::table.filter(communities::id.eq(community_id));
    let row = match consultation_id {
        Some(c) => base
            .left_join(
                demand_lists::table
                    .on(demand_lists::community_id.eq(communities::id).and(demand_lists::consultation_id.eq(c))),
            )
            .select((CommunityRow::as_select(), demand_lists::consultation_id.nullable()))
            .first(conn)
            .optional()?,
        // Without a list the join gives one row with NULLs; with lists every row has a date.
        None => base
            .left_join(demand_lists::table.on(demand_lists::community_id.eq(communities::id)))
            .order((demand_lists::published_at.desc(), demand_lists::consultation_id.desc()))
            .select((CommunityRow::as_select(), demand_lists::consultation_id.nullable()))
            .first(conn)
            .optional()?,
    };
    Ok(row)
}

pub fn body(conn: &mut AnyConnection, consultation_id: &str) -> StoreResult<Option<String>> {
    Ok(demand_lists::table.find(consultation_id).select(demand_lists::body).first(conn).optional()?)
}

/// The latest list of each community of a district (consultation ids, sorted).
pub fn latest_lists(conn: &mut AnyConnection, district_id: &str) -> StoreResult<Vec<String>> {
    let lists: Vec<(String, String, NaiveDateTime)> = demand_lists::table
        .filter(demand_lists::district_id.eq(district_id))
        .select((demand_lists::consultation_id, demand_lists::community_id, demand_lists::published_at))
        .load(conn)?;
    let mut latest: std::collections::HashMap<String, (NaiveDateTime, String)> = std::collections::HashMap::new();
    for (consultation, community, at) in lists {
        let e = latest.entry(community).or_insert((at, consultation.clone()));
        if (at, &consultation) > (e.0, &e.1) {
            *e = (at, consultation);
        }
    }
    let mut ids: Vec<String> = latest.into_values().map(|(_, c)| c).collect();
    ids.sort();
    Ok(ids)
}

/// The summary rows of the given lists.
pub fn items_of(conn: &mut AnyConnection, consultation_ids: &[String]) -> StoreResult<Vec<ItemRow>> {
    Ok(demand_items::table
        .filter(demand_items::consultation_id.eq_any(consultation_ids.to_vec()))
        .order((demand_items::code.asc(), demand_items::community_id.asc()))
        .select(ItemRow::as_select())
        .load(conn)?)
}

/// Complaints per catalogue code in a community: (code, open, closed). Open: neither closed
/// nor rejected.
pub fn complaint_counts(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<(String, i64, i64)>> {
    let rows: Vec<(Option<String>, String, i64)> = complaints::table
        .filter(complaints::community_id.eq(community_id))
        .filter(complaints::catalog_code.is_not_null())
        .group_by((complaints::catalog_code, complaints::status))
        .select((complaints::catalog_code, complaints::status, count_star()))
        .load(conn)?;
    Ok(open_closed(rows))
}

/// The same over every community of a district.
pub fn district_complaint_counts(conn: &mut AnyConnection, district_id: &str) -> StoreResult<Vec<(String, i64, i64)>> {
    let rows: Vec<(Option<String>, String, i64)> = complaints::table
        .inner_join(communities::table.on(communities::id.eq(complaints::community_id)))
        .filter(communities::district_id.eq(district_id))
        .filter(complaints::catalog_code.is_not_null())
        .group_by((complaints::catalog_code, complaints::status))
        .select((complaints::catalog_code, complaints::status, count_star()))
        .load(conn)?;
    Ok(open_closed(rows))
}

fn open_closed(rows: Vec<(Option<String>, String, i64)>) -> Vec<(String, i64, i64)> {
    let mut by_code: std::collections::BTreeMap<String, (i64, i64)> = std::collections::BTreeMap::new();
    for (code, status, n) in rows {
        let Some(code) = code else { continue };
        let e = by_code.entry(code).or_default();
        match status.as_str() {
            "closed" => e.1 += n,
            "rejected" => {}
            _ => e.0 += n,
        }
    }
    by_code.into_iter().map(|(c, (o, k))| (c, o, k)).collect()
}
