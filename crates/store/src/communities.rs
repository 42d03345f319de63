//! Districts and communities.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{communities, districts};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = districts)]
pub struct DistrictRow {
    pub id: String,
    pub name: String,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = communities)]
pub struct CommunityRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub address: String,
    pub year_built: Option<i32>,
    pub created_at: NaiveDateTime,
}

pub fn insert_district(conn: &mut AnyConnection, row: &DistrictRow) -> StoreResult<()> {
    diesel::insert_into(districts::table).values(row).execute(conn)?;
    Ok(())
}

pub fn district(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<DistrictRow>> {
    Ok(districts::table.find(id).select(DistrictRow::as_select()).first(conn).optional()?)
}

/// Districts, optionally only those named in `only`.
pub fn districts(conn: &mut AnyConnection, only: Option<&[String]>) -> StoreResult<Vec<DistrictRow>> {
    let mut q = districts::table.select(DistrictRow::as_select()).order(districts::name.asc()).into_boxed();
    if let Some(ids) = only {
        q = q.filter(districts::id.eq_any(ids.to_vec()));
    }
    Ok(q.load(conn)?)
}

pub fn insert(conn: &mut AnyConnection, row: &CommunityRow) -> StoreResult<()> {
    diesel::insert_into(communities::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<CommunityRow>> {
    Ok(communities::table.find(id).select(CommunityRow::as_select()).first(conn).optional()?)
}

/// Which communities to list: everything, some districts, and/or some named communities.
pub struct Visible {
    pub all: bool,
    pub districts: Vec<String>,
    pub communities: Vec<String>,
}

pub fn list(
    conn: &mut AnyConnection,
    visible: &Visible,
    district_filter: Option<&str>,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<CommunityRow>> {
    let mut q = communities::table
        .select(CommunityRow::as_select())
        .order((communities::name.asc(), communities::id.asc()))
        .into_boxed();
    if !visible.all {
        q = q.filter(
            communities::district_id
                .eq_any(visible.districts.clone())
                .or(communities::id.eq_any(visible.communities.clone())),
        );
    }
    if let Some(d) = district_filter {
        q = q.filter(communities::district_id.eq(d.to_owned()));
    }
    Ok(q.limit(limit).offset(offset).load(conn)?)
}

/// The ids of the communities of `district_id`.
pub fn in_district(conn: &mut AnyConnection, district_id: &str) -> StoreResult<Vec<String>> {
    Ok(communities::table
        .filter(communities::district_id.eq(district_id.to_owned()))
        .select(communities::id)
        .load(conn)?)
}
