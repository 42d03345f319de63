//! Role grants: admin per district (or everywhere when no district), the others per community.

use crate::companies;
use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{communities, role_grants, users};
use crate::users::UserRow;
use chrono::NaiveDateTime;
use diandan_domain::access::{Grant, Grants};
use diandan_domain::roles::Role;
use diesel::prelude::*;

/// A role grant as stored; its role is decoded into the domain's enum here.
#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = role_grants)]
pub struct GrantRow {
    pub id: String,
    pub user_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub role: Role,
    pub district_id: Option<String>,
    pub community_id: Option<String>,
    pub granted_by: Option<String>,
    pub granted_at: NaiveDateTime,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
    /// For property staff: their company (the grant reaches the communities it serves today).
    pub company_id: Option<String>,
}

pub fn insert(conn: &mut AnyConnection, row: &GrantRow) -> StoreResult<()> {
    diesel::insert_into(role_grants::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<GrantRow>> {
    Ok(role_grants::table.find(id).select(GrantRow::as_select()).first(conn).optional()?)
}

pub fn revoke(conn: &mut AnyConnection, id: &str, by: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(role_grants::table.find(id).filter(role_grants::revoked_at.is_null()))
        .set((role_grants::revoked_by.eq(by), role_grants::revoked_at.eq(at)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Active grants of a user, with each community grant's district filled in (so that access
/// checks need no further query). A property grant names a company and becomes one grant per
/// community the company serves today: when a service period ends, so does the access.
pub fn grants_of(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Grants> {
    let rows: Vec<GrantCols> = role_grants::table
        .left_join(communities::table.on(role_grants::community_id.eq(communities::id.nullable())))
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::revoked_at.is_null())
        .select((
            role_grants::role,
            role_grants::district_id,
            role_grants::community_id,
            communities::district_id.nullable(),
            role_grants::company_id,
        ))
        .load(conn)?;
    grants(conn, rows)
}

/// The account and its active grants in one query (the first thing every request reads); the
/// grants are read fresh each time, so a revoked role stops at the next request.
pub fn user_with_grants(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Option<(UserRow, Grants)>> {
    let rows: Vec<(UserRow, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>)> =
        users::table
            .left_join(role_grants::table.on(role_grants::user_id.eq(users::id).and(role_grants::revoked_at.is_null())))
            .left_join(communities::table.on(role_grants::community_id.nullable().eq(communities::id.nullable())))
            .filter(users::id.eq(user_id))
            .select((
                UserRow::as_select(),
                role_grants::role.nullable(),
                role_grants::district_id.nullable(),
                role_grants::community_id.nullable(),
                communities::district_id.nullable(),
                role_grants::company_id.nullable(),
            ))
            .load(conn)?;
    let Some(user) = rows.first().map(|r| r.0.clone()) else { return Ok(None) };
    let cols: Vec<GrantCols> =
        rows.into_iter().filter_map(|(_, role, d, c, cd, co)| role.map(|role| (role, d, c, cd, co))).collect();
    Ok(Some((user, grants(conn, cols)?)))
}

/// (role, district, community, the community's district, company) of one active grant.
type GrantCols = (String, Option<String>, Option<String>, Option<String>, Option<String>);

fn grants(conn: &mut AnyConnection, rows: Vec<GrantCols>) -> StoreResult<Grants> {
    let mut out = Vec::new();
    for (role, district, community, community_district, company) in rows {
        // An unknown stored role is an error, never a grant silently dropped.
        let role = Role::try_from(role).map_err(|e| crate::StoreError::Other(e.to_string()))?;
        match company {
            Some(company) => {
                // The company itself (staff read their company's figures between contracts too)...
                out.push(Grant { role, district_id: None, community_id: None, company_id: Some(company.clone()) });
                // ...and each community it serves today.
                let today = diandan_domain::time::china_day(crate::clock::now());
                for (community, district) in companies::served_communities(conn, &company, &today)? {
                    out.push(Grant {
                        role,
                        district_id: Some(district),
                        community_id: Some(community),
                        company_id: Some(company.clone()),
                    });
                }
            }
            None => out.push(Grant {
                role,
                district_id: district.or(community_district),
                community_id: community,
                company_id: None,
            }),
        }
    }
    Ok(Grants(out))
}

/// Whether the user already holds an active grant as staff of the company.
pub fn company_staff_exists(conn: &mut AnyConnection, user_id: &str, company_id: &str) -> StoreResult<bool> {
    Ok(role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::company_id.eq(company_id))
        .filter(role_grants::revoked_at.is_null())
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

pub fn active_exists(
    conn: &mut AnyConnection,
    user_id: &str,
    role: Role,
    district_id: Option<&str>,
    community_id: Option<&str>,
) -> StoreResult<bool> {
    let mut q = role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::role.eq(role.as_str()))
        .filter(role_grants::revoked_at.is_null())
        .into_boxed();
    q = match district_id {
        Some(d) => q.filter(role_grants::district_id.eq(d.to_owned())),
        None => q.filter(role_grants::district_id.is_null()),
    };
    q = match community_id {
        Some(c) => q.filter(role_grants::community_id.eq(c.to_owned())),
        None => q.filter(role_grants::community_id.is_null()),
    };
    Ok(q.count().get_result::<i64>(conn)? > 0)
}

pub fn any_admin(conn: &mut AnyConnection) -> StoreResult<bool> {
    Ok(role_grants::table
        .filter(role_grants::role.eq("admin"))
        .filter(role_grants::revoked_at.is_null())
        .count()
        .get_result::<i64>(conn)?
        > 0)
}

/// Grants, filtered by community and/or district, active only unless `include_revoked`.
pub fn list(
    conn: &mut AnyConnection,
    community_id: Option<&str>,
    district_id: Option<&str>,
    include_revoked: bool,
) -> StoreResult<Vec<GrantRow>> {
    let mut q = role_grants::table.select(GrantRow::as_select()).order(role_grants::granted_at.asc()).into_boxed();
    if let Some(c) = community_id {
        q = q.filter(role_grants::community_id.eq(c.to_owned()));
    }
    if let Some(d) = district_id {
        q = q.filter(role_grants::district_id.eq(d.to_owned()));
    }
    if !include_revoked {
        q = q.filter(role_grants::revoked_at.is_null());
    }
    Ok(q.load(conn)?)
}

pub fn list_for_user(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<GrantRow>> {
    Ok(role_grants::table
        .filter(role_grants::user_id.eq(user_id))
        .filter(role_grants::revoked_at.is_null())
        .order(role_grants::granted_at.asc())
        .select(GrantRow::as_select())
        .load(conn)?)
}
