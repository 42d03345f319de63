//! Bindings: a resident's claim to a dwelling as owner or occupant, decided by the committee.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{bindings, buildings, dwellings, units, users};
use chrono::NaiveDateTime;
use diandan_domain::roles::{BindingStatus, Relation};
use diesel::prelude::*;

/// A dwelling claim as stored; its relation and status are decoded into the domain's enums here
/// (an unknown stored value fails the read, it is never a default).
#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = bindings)]
pub struct BindingRow {
    pub id: String,
    pub user_id: String,
    pub dwelling_id: String,
    pub community_id: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub relation: Relation,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: BindingStatus,
    pub auto_approved: bool,
    pub note: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub reason: Option<String>,
    pub created_at: NaiveDateTime,
}

/// A binding with the labels a person needs to recognise the dwelling and the claimant.
#[derive(Debug, Clone)]
pub struct BindingView {
    pub binding: BindingRow,
    pub building: String,
    pub unit: String,
    pub room: String,
    pub claimant_name: String,
    pub claimant_phone: Option<String>,
}

pub fn insert(conn: &mut AnyConnection, row: &BindingRow) -> StoreResult<()> {
    diesel::insert_into(bindings::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<BindingRow>> {
    Ok(bindings::table.find(id).select(BindingRow::as_select()).first(conn).optional()?)
}

/// Pending or approved bindings of this user to this dwelling.
pub fn active_for(conn: &mut AnyConnection, user_id: &str, dwelling_id: &str) -> StoreResult<Vec<BindingRow>> {
    Ok(bindings::table
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::dwelling_id.eq(dwelling_id))
        .filter(bindings::status.eq_any(["pending", "approved"]))
        .select(BindingRow::as_select())
        .load(conn)?)
}

/// Sets the decision only if the binding is still in `from`; returns whether it changed.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    from: &str,
    to: &str,
    by: Option<&str>,
    at: NaiveDateTime,
    reason: Option<&str>,
) -> StoreResult<bool> {
    let n = diesel::update(bindings::table.find(id).filter(bindings::status.eq(from)))
        .set((
            bindings::status.eq(to),
            bindings::decided_by.eq(by),
            bindings::decided_at.eq(at),
            bindings::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

type ViewTuple = (BindingRow, String, String, String, String, Option<String>);

fn to_view((binding, building, unit, room, claimant_name, claimant_phone): ViewTuple) -> BindingView {
    BindingView { binding, building, unit, room, claimant_name, claimant_phone }
}

pub fn list_for_community(
    conn: &mut AnyConnection,
    community_id: &str,
    status: Option<&str>,
    limit: i64,
    offset: i64,
) -> StoreResult<Vec<BindingView>> {
    let mut q = bindings::table
        .inner_join(dwellings::table.inner_join(buildings::table).inner_join(units::table))
        .inner_join(users::table.on(users::id.eq(bindings::user_id)))
        .filter(bindings::community_id.eq(community_id.to_owned()))
        .select((
            BindingRow::as_select(),
            buildings::name,
            units::name,
            dwellings::room,
            users::display_name,
            users::phone,
        ))
        .order((bindings::created_at.asc(), bindings::id.asc()))
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(bindings::status.eq(s.to_owned()));
    }
    Ok(q.limit(limit).offset(offset).load::<ViewTuple>(conn)?.into_iter().map(to_view).collect())
}

/// One binding with its labels (one query).
pub fn view(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<BindingView>> {
    Ok(bindings::table
        .inner_join(dwellings::table.inner_join(buildings::table).inner_join(units::table))
        .inner_join(users::table.on(users::id.eq(bindings::user_id)))
        .filter(bindings::id.eq(id.to_owned()))
        .select((
            BindingRow::as_select(),
            buildings::name,
            units::name,
            dwellings::room,
            users::display_name,
            users::phone,
        ))
        .first::<ViewTuple>(conn)
        .optional()?
        .map(to_view))
}

pub fn list_for_user(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<BindingView>> {
    Ok(bindings::table
        .inner_join(dwellings::table.inner_join(buildings::table).inner_join(units::table))
        .inner_join(users::table.on(users::id.eq(bindings::user_id)))
        .filter(bindings::user_id.eq(user_id.to_owned()))
        .select((
            BindingRow::as_select(),
            buildings::name,
            units::name,
            dwellings::room,
            users::display_name,
            users::phone,
        ))
        .order((bindings::created_at.asc(), bindings::id.asc()))
        .load::<ViewTuple>(conn)?
        .into_iter()
        .map(to_view)
        .collect())
}

/// The user's approved bindings in a community.
pub fn approved_in(conn: &mut AnyConnection, user_id: &str, community_id: &str) -> StoreResult<Vec<BindingRow>> {
    Ok(bindings::table
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::community_id.eq(community_id))
        .filter(bindings::status.eq("approved"))
        .select(BindingRow::as_select())
        .load(conn)?)
}

/// The (dwelling, owner key) pairs of the dwellings the user is an approved owner of in a
/// community, from the current roster.
pub fn owned_dwellings(
    conn: &mut AnyConnection,
    user_id: &str,
    community_id: &str,
) -> StoreResult<Vec<(String, String)>> {
    use crate::schema::dwellings;
    Ok(bindings::table
        .inner_join(dwellings::table.on(dwellings::id.eq(bindings::dwelling_id)))
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::community_id.eq(community_id))
        .filter(bindings::status.eq("approved"))
        .filter(bindings::relation.eq("owner"))
        .select((dwellings::id, dwellings::owner_key))
        .load(conn)?)
}

/// Any binding (of any status) of the user in a community.
pub fn any_in(conn: &mut AnyConnection, user_id: &str, community_id: &str) -> StoreResult<Vec<BindingRow>> {
    Ok(bindings::table
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::community_id.eq(community_id))
        .select(BindingRow::as_select())
        .load(conn)?)
}

/// The user's approved bindings in communities of a district.
pub fn approved_in_district(
    conn: &mut AnyConnection,
    user_id: &str,
    district_id: &str,
) -> StoreResult<Vec<BindingRow>> {
    use crate::schema::communities;
    Ok(bindings::table
        .inner_join(communities::table.on(communities::id.eq(bindings::community_id)))
        .filter(bindings::user_id.eq(user_id))
        .filter(communities::district_id.eq(district_id))
        .filter(bindings::status.eq("approved"))
        .select(BindingRow::as_select())
        .order((bindings::created_at.asc(), bindings::id.asc()))
        .load(conn)?)
}
