//! Proxy authorisations (委托投票) and what the ballots say of them.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{ballot_versions, ballots, bindings, buildings, dwellings, proxies, units};
use chrono::NaiveDateTime;
use diandan_domain::proxy::{ProxyKind, ProxyStatus};
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = proxies)]
pub struct ProxyRow {
    pub id: String,
    pub consultation_id: String,
    pub community_id: String,
    pub owner_key: String,
    pub dwelling_id: String,
    pub proxy_name: String,
    pub proxy_phone: String,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub kind: ProxyKind,
    pub paper_ref: Option<String>,
    #[diesel(deserialize_as = String, serialize_as = String)]
    pub status: ProxyStatus,
    pub entered_by: String,
    pub entered_at: NaiveDateTime,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub reason: Option<String>,
    pub revoked_by: Option<String>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// An authorisation with the named dwelling's building, unit, room and the roster's owner name.
pub type Labelled = (ProxyRow, String, String, String, Option<String>);

const STANDING: [&str; 2] = ["pending", "confirmed"];

pub fn insert(conn: &mut AnyConnection, row: &ProxyRow) -> StoreResult<()> {
    diesel::insert_into(proxies::table).values(row.clone()).execute(conn)?;
    Ok(())
}

pub fn get(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ProxyRow>> {
    Ok(proxies::table.find(id).select(ProxyRow::as_select()).first(conn).optional()?)
}

/// The owner's standing authorisation in a consultation, if any.
pub fn standing_for_owner(
    conn: &mut AnyConnection,
    consultation_id: &str,
    owner_key: &str,
) -> StoreResult<Option<ProxyRow>> {
    Ok(proxies::table
        .filter(proxies::consultation_id.eq(consultation_id))
        .filter(proxies::owner_key.eq(owner_key))
        .filter(proxies::status.eq_any(STANDING))
        .select(ProxyRow::as_select())
        .first(conn)
        .optional()?)
}

/// How many owners' standing authorisations name this phone in a consultation, other than `except`.
pub fn standing_for_phone(
    conn: &mut AnyConnection,
    consultation_id: &str,
    phone: &str,
    except: Option<&str>,
) -> StoreResult<usize> {
    let ids: Vec<String> = proxies::table
        .filter(proxies::consultation_id.eq(consultation_id))
        .filter(proxies::proxy_phone.eq(phone))
        .filter(proxies::status.eq_any(STANDING))
        .select(proxies::id)
        .load(conn)?;
    Ok(ids.iter().filter(|i| Some(i.as_str()) != except).count())
}

/// Authorisations joined to the named dwelling's building and unit.
macro_rules! labelled {
    () => {
        proxies::table
            .inner_join(dwellings::table.on(dwellings::id.eq(proxies::dwelling_id)))
            .inner_join(buildings::table.on(buildings::id.eq(dwellings::building_id)))
            .inner_join(units::table.on(units::id.eq(dwellings::unit_id)))
    };
}

/// One authorisation with its dwelling's labels.
pub fn labelled_one(conn: &mut AnyConnection, id: &str) -> StoreResult<Option<Labelled>> {
    Ok(labelled!()
        .filter(proxies::id.eq(id))
        .select((ProxyRow::as_select(), buildings::name, units::name, dwellings::room, dwellings::owner_name))
        .first(conn)
        .optional()?)
}

/// A consultation's authorisations (of one status, or all), in the order entered.
pub fn of_consultation(
    conn: &mut AnyConnection,
    consultation_id: &str,
    status: Option<ProxyStatus>,
) -> StoreResult<Vec<Labelled>> {
    let mut q = labelled!()
        .filter(proxies::consultation_id.eq(consultation_id))
        .order((proxies::entered_at.asc(), proxies::id.asc()))
        .select((ProxyRow::as_select(), buildings::name, units::name, dwellings::room, dwellings::owner_name))
        .into_boxed();
    if let Some(s) = status {
        q = q.filter(proxies::status.eq(s.as_str()));
    }
    Ok(q.load(conn)?)
}

/// The authorisations naming this phone as the proxy, newest first.
pub fn naming_phone(conn: &mut AnyConnection, phone: &str) -> StoreResult<Vec<Labelled>> {
    Ok(labelled!()
        .filter(proxies::proxy_phone.eq(phone))
        .order((proxies::entered_at.desc(), proxies::id.desc()))
        .select((ProxyRow::as_select(), buildings::name, units::name, dwellings::room, dwellings::owner_name))
        .load(conn)?)
}

/// The authorisations given for owners `user_id` is an approved owner binding of (any of their
/// dwellings under that owner key), or entered by them; newest first.
pub fn given_by(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<Labelled>> {
    let keys: Vec<(String, String)> = bindings::table
        .inner_join(dwellings::table.on(dwellings::id.eq(bindings::dwelling_id)))
        .filter(bindings::user_id.eq(user_id))
        .filter(bindings::status.eq("approved"))
        .filter(bindings::relation.eq("owner"))
        .select((dwellings::community_id, dwellings::owner_key))
        .load(conn)?;
    let communities: Vec<String> = keys.iter().map(|(c, _)| c.clone()).collect();
    let rows: Vec<Labelled> = labelled!()
        .filter(proxies::community_id.eq_any(communities).or(proxies::entered_by.eq(user_id)))
        .order((proxies::entered_at.desc(), proxies::id.desc()))
        .select((ProxyRow::as_select(), buildings::name, units::name, dwellings::room, dwellings::owner_name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|(r, ..)| {
            r.entered_by == user_id || keys.iter().any(|(c, k)| c == &r.community_id && k == &r.owner_key)
        })
        .collect())
}

/// Records a committee member's decision on a pending authorisation; false if it was no longer pending.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    status: ProxyStatus,
    by: &str,
    at: NaiveDateTime,
    reason: Option<&str>,
) -> StoreResult<bool> {
    let n = diesel::update(proxies::table.find(id).filter(proxies::status.eq("pending")))
        .set((
            proxies::status.eq(status.as_str()),
            proxies::decided_by.eq(by),
            proxies::decided_at.eq(at),
            proxies::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Takes the authorisation's row lock (PostgreSQL) until commit, changing nothing.
pub fn touch(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    diesel::update(proxies::table.find(id)).set(proxies::status.eq(proxies::status)).execute(conn)?;
    Ok(())
}

/// Revokes a standing authorisation; false if it no longer stood.
pub fn revoke(
    conn: &mut AnyConnection,
    id: &str,
    by: &str,
    at: NaiveDateTime,
    reason: Option<&str>,
) -> StoreResult<bool> {
    let n = diesel::update(proxies::table.find(id).filter(proxies::status.eq_any(STANDING)))
        .set((
            proxies::status.eq("revoked"),
            proxies::revoked_by.eq(by),
            proxies::revoked_at.eq(at),
            proxies::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Whether a ballot version was cast under this authorisation.
pub fn has_cast(conn: &mut AnyConnection, proxy_id: &str) -> StoreResult<bool> {
    let n: i64 = ballot_versions::table.filter(ballot_versions::proxy_id.eq(proxy_id)).count().get_result(conn)?;
    Ok(n > 0)
}

/// Of these authorisations, the ones a ballot was cast under.
pub fn cast_under(conn: &mut AnyConnection, proxy_ids: &[String]) -> StoreResult<Vec<String>> {
    if proxy_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(ballot_versions::table
        .filter(ballot_versions::proxy_id.eq_any(proxy_ids.to_vec()))
        .select(ballot_versions::proxy_id.assume_not_null())
        .distinct()
        .load(conn)?)
}

/// Whether the owner has a version of their own (online or on paper, not voided): cast without a proxy.
pub fn owner_voted_in_person(conn: &mut AnyConnection, consultation_id: &str, owner_key: &str) -> StoreResult<bool> {
    let n: i64 = ballot_versions::table
        .inner_join(ballots::table)
        .filter(ballots::consultation_id.eq(consultation_id))
        .filter(ballots::owner_key.eq(owner_key))
        .filter(ballot_versions::proxy_id.is_null())
        .filter(ballot_versions::status.ne("voided"))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
