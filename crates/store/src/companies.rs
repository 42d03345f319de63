//! Property companies and the periods in which they serve a community.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{communities, property_companies, property_contracts};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = property_companies)]
pub struct CompanyRow {
    pub id: String,
    pub district_id: String,
    pub name: String,
    pub credit_code: Option<String>,
    pub contact_phone: Option<String>,
    pub created_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = property_contracts)]
pub struct ContractRow {
    pub id: String,
    pub company_id: String,
    pub community_id: String,
    /// China date, `YYYY-MM-DD`, inclusive.
    pub starts_on: String,
    /// Inclusive; None: open-ended.
    pub ends_on: Option<String>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, row: &CompanyRow) -> StoreResult<()> {
    diesel::insert_into(property_companies::table).values(row).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<CompanyRow>> {
    Ok(property_companies::table.find(id).select(CompanyRow::as_select()).first(conn).optional()?)
}

/// Companies of the given districts (None: all), by name.
pub fn list(conn: &mut AnyConnection, districts: Option<&[String]>) -> StoreResult<Vec<CompanyRow>> {
    let mut q = property_companies::table
        .select(CompanyRow::as_select())
        .order((property_companies::name.asc(), property_companies::id.asc()))
        .into_boxed();
    if let Some(ds) = districts {
        q = q.filter(property_companies::district_id.eq_any(ds.to_vec()));
    }
    Ok(q.load(conn)?)
}

pub fn insert_contract(conn: &mut AnyConnection, row: &ContractRow) -> StoreResult<()> {
    diesel::insert_into(property_contracts::table).values(row).execute(conn)?;
    Ok(())
}

pub fn contracts_of_community(conn: &mut AnyConnection, community_id: &str) -> StoreResult<Vec<ContractRow>> {
    Ok(property_contracts::table
        .filter(property_contracts::community_id.eq(community_id))
        .order((property_contracts::starts_on.asc(), property_contracts::id.asc()))
        .select(ContractRow::as_select())
        .load(conn)?)
}

pub fn get_contract(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ContractRow>> {
    Ok(property_contracts::table.find(id).select(ContractRow::as_select()).first(conn).optional()?)
}

/// Sets the last day of a contract.
pub fn end_contract(conn: &mut AnyConnection, id: &str, ends_on: &str) -> StoreResult<()> {
    diesel::update(property_contracts::table.find(id)).set(property_contracts::ends_on.eq(ends_on)).execute(conn)?;
    Ok(())
}

/// Whether any contract of the community other than `except` covers a day of
/// [starts_on, ends_on] (ends_on None: open-ended). One community has one manager at a time.
pub fn overlapping(
    conn: &mut AnyConnection,
    community_id: &str,
    starts_on: &str,
    ends_on: Option<&str>,
    except: Option<&str>,
) -> StoreResult<bool> {
    let mut q = property_contracts::table
        .filter(property_contracts::community_id.eq(community_id))
        .filter(property_contracts::ends_on.is_null().or(property_contracts::ends_on.ge(starts_on)))
        .into_boxed();
    if let Some(e) = ends_on {
        q = q.filter(property_contracts::starts_on.le(e.to_owned()));
    }
    if let Some(x) = except {
        q = q.filter(property_contracts::id.ne(x.to_owned()));
    }
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

/// The contract serving the community on `day` (China date), if any.
pub fn serving(conn: &mut AnyConnection, community_id: &str, day: &str) -> StoreResult<Option<ContractRow>> {
    Ok(property_contracts::table
        .filter(property_contracts::community_id.eq(community_id))
        .filter(property_contracts::starts_on.le(day))
        .filter(property_contracts::ends_on.is_null().or(property_contracts::ends_on.ge(day)))
        .select(ContractRow::as_select())
        .first(conn)
        .optional()?)
}

/// (community, company) for every community of a district served on `day`.
pub fn serving_in_district(
    conn: &mut AnyConnection,
    district_id: &str,
    day: &str,
) -> StoreResult<Vec<(String, String)>> {
    Ok(property_contracts::table
        .inner_join(communities::table.on(communities::id.eq(property_contracts::community_id)))
        .filter(communities::district_id.eq(district_id))
        .filter(property_contracts::starts_on.le(day))
        .filter(property_contracts::ends_on.is_null().or(property_contracts::ends_on.ge(day)))
        .select((property_contracts::community_id, property_contracts::company_id))
        .load(conn)?)
}

/// Communities (with their districts) that the company serves on `day`.
pub fn served_communities(conn: &mut AnyConnection, company_id: &str, day: &str) -> StoreResult<Vec<(String, String)>> {
    Ok(property_contracts::table
        .inner_join(communities::table.on(communities::id.eq(property_contracts::community_id)))
        .filter(property_contracts::company_id.eq(company_id))
        .filter(property_contracts::starts_on.le(day))
        .filter(property_contracts::ends_on.is_null().or(property_contracts::ends_on.ge(day)))
        .select((communities::id, communities::district_id))
        .load(conn)?)
}
