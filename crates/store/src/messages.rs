//! WeChat subscribe messages: the grants residents gave, the outbox messages wait in, and the
//! access token every server process shares.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{message_grants, outbox, wechat_tokens};
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Queryable, Selectable, Insertable, Debug, Clone)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub dedupe: String,
    /// JSON object of the message's named values (title, closes_at, ...).
    pub fields: String,
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

#[derive(Queryable, Selectable, Debug, Clone)]
#[diesel(table_name = message_grants)]
pub struct GrantRow {
    pub user_id: String,
    pub kind: String,
    pub remaining: i32,
    pub stopped_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

// ---- grants -------------------------------------------------------------------------------

/// The grant row of `user_id` and `kind`, created empty when missing.
fn ensure_grant_row(conn: &mut AnyConnection, user_id: &str, kind: &str, at: NaiveDateTime) -> StoreResult<()> {
    let fresh = (
        message_grants::user_id.eq(user_id),
        message_grants::kind.eq(kind),
        message_grants::remaining.eq(0),
        message_grants::updated_at.eq(at),
    );
    match conn {
        AnyConnection::Sqlite(c) => {
            diesel::insert_into(message_grants::table).values(fresh).on_conflict_do_nothing().execute(c)?
        }
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(message_grants::table).values(fresh).on_conflict_do_nothing().execute(c)?
        }
    };
    Ok(())
}

/// Adds one accepted grant of `kind` for `user_id` (and lifts a stop: they accepted again).
pub fn grant(conn: &mut AnyConnection, user_id: &str, kind: &str, at: NaiveDateTime) -> StoreResult<()> {
    ensure_grant_row(conn, user_id, kind, at)?;
    diesel::update(message_grants::table.find((user_id, kind)))
        .set((
            message_grants::remaining.eq(message_grants::remaining + 1),
            message_grants::stopped_at.eq(None::<NaiveDateTime>),
            message_grants::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Stops messages of `kind` to `user_id` until they accept again; unspent grants are dropped.
pub fn stop(conn: &mut AnyConnection, user_id: &str, kind: &str, at: NaiveDateTime) -> StoreResult<()> {
    ensure_grant_row(conn, user_id, kind, at)?;
    diesel::update(message_grants::table.find((user_id, kind)))
        .set((
            message_grants::remaining.eq(0),
            message_grants::stopped_at.eq(Some(at)),
            message_grants::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Spends one grant of `kind`; false when none is left (or the user stopped the kind).
pub fn spend(conn: &mut AnyConnection, user_id: &str, kind: &str, at: NaiveDateTime) -> StoreResult<bool> {
    let n = diesel::update(
        message_grants::table
            .find((user_id, kind))
            .filter(message_grants::remaining.gt(0))
            .filter(message_grants::stopped_at.is_null()),
    )
    .set((message_grants::remaining.eq(message_grants::remaining - 1), message_grants::updated_at.eq(at)))
    .execute(conn)?;
    Ok(n == 1)
}

pub fn grants_of(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<GrantRow>> {
    Ok(message_grants::table
        .filter(message_grants::user_id.eq(user_id))
        .order(message_grants::kind.asc())
        .select(GrantRow::as_select())
        .load(conn)?)
}

/// Of `user_ids`, those holding an unspent grant of `kind`: only they get a message queued.
pub fn holders(conn: &mut AnyConnection, kind: &str, user_ids: &[String]) -> StoreResult<Vec<String>> {
    let mut out = Vec::new();
    // Bounded IN lists: a community's owners can number in the thousands.
    for chunk in user_ids.chunks(500) {
        out.extend(
            message_grants::table
                .filter(message_grants::kind.eq(kind))
                .filter(message_grants::user_id.eq_any(chunk))
                .filter(message_grants::remaining.gt(0))
                .filter(message_grants::stopped_at.is_null())
                .select(message_grants::user_id)
                .load::<String>(conn)?,
        );
    }
    Ok(out)
}

// ---- outbox -------------------------------------------------------------------------------

/// Queues `rows`; a row whose `dedupe` is already queued is left out (an event tells a user once).
pub fn enqueue(conn: &mut AnyConnection, rows: &[OutboxRow]) -> StoreResult<usize> {
    let mut n = 0;
    for chunk in rows.chunks(500) {
        let values: Vec<_> = chunk
            .iter()
            .map(|r| {
                (
                    outbox::id.eq(&r.id),
                    outbox::user_id.eq(&r.user_id),
                    outbox::kind.eq(&r.kind),
                    outbox::dedupe.eq(&r.dedupe),
                    outbox::fields.eq(&r.fields),
                    outbox::state.eq(&r.state),
                    outbox::attempts.eq(r.attempts),
                    outbox::next_attempt_at.eq(r.next_attempt_at),
                    outbox::created_at.eq(r.created_at),
                    outbox::updated_at.eq(r.updated_at),
                )
            })
            .collect();
        n += match conn {
            AnyConnection::Sqlite(c) => {
                diesel::insert_into(outbox::table).values(values).on_conflict_do_nothing().execute(c)?
            }
            AnyConnection::Postgresql(c) => {
                diesel::insert_into(outbox::table).values(values).on_conflict_do_nothing().execute(c)?
            }
        };
    }
    Ok(n)
}

/// Up to `limit` messages due at `now`, oldest first.
pub fn due(conn: &mut AnyConnection, now: NaiveDateTime, limit: i64) -> StoreResult<Vec<OutboxRow>> {
    Ok(outbox::table
        .filter(outbox::state.eq("pending"))
        .filter(outbox::next_attempt_at.le(now))
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)?)
}

/// Moves a message from `from` to `to`; false when it was no longer in `from`.
pub fn set_state(
    conn: &mut AnyConnection,
    id: &str,
    from: &str,
    to: &str,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    error: Option<&str>,
    at: NaiveDateTime,
) -> StoreResult<bool> {
    let sent_at = (to == "sent").then_some(at);
    let n = diesel::update(outbox::table.find(id).filter(outbox::state.eq(from)))
        .set((
            outbox::state.eq(to),
            outbox::attempts.eq(attempts),
            outbox::next_attempt_at.eq(next_attempt_at),
            outbox::last_error.eq(error),
            outbox::sent_at.eq(sent_at),
            outbox::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Messages left `sending` (the process died between handing one to WeChat and recording the
/// answer) become `unknown`: whether WeChat delivered them cannot be known, and sending again
/// could tell a resident twice. Returns how many.
pub fn settle_interrupted(conn: &mut AnyConnection, at: NaiveDateTime) -> StoreResult<usize> {
    Ok(diesel::update(outbox::table.filter(outbox::state.eq("sending")))
        .set((
            outbox::state.eq("unknown"),
            outbox::last_error.eq("interrupted between sending and recording the answer"),
            outbox::updated_at.eq(at),
        ))
        .execute(conn)?)
}

pub fn of_user(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<OutboxRow>> {
    Ok(outbox::table
        .filter(outbox::user_id.eq(user_id))
        .order(outbox::id.asc())
        .select(OutboxRow::as_select())
        .load(conn)?)
}

// ---- the access token ---------------------------------------------------------------------

/// The stored access token of `appid` and when it expires.
pub fn token(conn: &mut AnyConnection, appid: &str) -> StoreResult<Option<(String, NaiveDateTime)>> {
    Ok(wechat_tokens::table
        .find(appid)
        .select((wechat_tokens::access_token, wechat_tokens::expires_at))
        .first(conn)
        .optional()?)
}

/// The stored token row, locked until the transaction ends (PostgreSQL; SQLite's one writer
/// is already exclusive), so that one process at a time refreshes it.
pub fn token_for_update(conn: &mut AnyConnection, appid: &str) -> StoreResult<Option<(String, NaiveDateTime)>> {
    let q = wechat_tokens::table.find(appid).select((wechat_tokens::access_token, wechat_tokens::expires_at));
    Ok(match conn {
        AnyConnection::Sqlite(c) => q.first(c).optional()?,
        AnyConnection::Postgresql(c) => q.for_update().first(c).optional()?,
    })
}

/// Replaces the token of `appid` (its row exists: [`ensure_token_row`]).
pub fn store_token(
    conn: &mut AnyConnection,
    appid: &str,
    token: &str,
    expires_at: NaiveDateTime,
    at: NaiveDateTime,
) -> StoreResult<()> {
    diesel::update(wechat_tokens::table.find(appid))
        .set((
            wechat_tokens::access_token.eq(token),
            wechat_tokens::expires_at.eq(expires_at),
            wechat_tokens::fetched_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// A placeholder row to lock when no token was ever stored, so the first fetch is taken by one
/// process too.
pub fn ensure_token_row(conn: &mut AnyConnection, appid: &str, at: NaiveDateTime) -> StoreResult<()> {
    let row = (
        wechat_tokens::appid.eq(appid),
        wechat_tokens::access_token.eq(""),
        wechat_tokens::expires_at.eq(at),
        wechat_tokens::fetched_at.eq(at),
    );
    match conn {
        AnyConnection::Sqlite(c) => {
            diesel::insert_into(wechat_tokens::table).values(row).on_conflict_do_nothing().execute(c)?
        }
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(wechat_tokens::table).values(row).on_conflict_do_nothing().execute(c)?
        }
    };
    Ok(())
}

// ---- recipients ---------------------------------------------------------------------------

/// The verified owners on the roll of consultation `consultation_id`; with `not_voted`, only
/// those whose owner has no counting ballot yet.
pub fn roll_owners(conn: &mut AnyConnection, consultation_id: &str, not_voted: bool) -> StoreResult<Vec<String>> {
    use crate::schema::{ballots, bindings, electorate};
    use diesel::dsl::{exists, not};
    let mut q = bindings::table
        .inner_join(
            electorate::table.on(electorate::dwelling_id
                .eq(bindings::dwelling_id)
                .and(electorate::consultation_id.eq(consultation_id.to_owned()))),
        )
        .filter(bindings::status.eq("approved"))
        .filter(bindings::relation.eq("owner"))
        .select(bindings::user_id)
        .distinct()
        .into_boxed();
    if not_voted {
        q = q.filter(not(exists(
            ballots::table
                .filter(ballots::consultation_id.eq(consultation_id.to_owned()))
                .filter(ballots::owner_key.eq(electorate::owner_key))
                .filter(ballots::counting_version_id.is_not_null()),
        )));
    }
    Ok(q.load(conn)?)
}

/// The verified residents (owners and occupants) of the communities `community_ids`.
pub fn residents(conn: &mut AnyConnection, community_ids: &[String]) -> StoreResult<Vec<String>> {
    use crate::schema::bindings;
    Ok(bindings::table
        .filter(bindings::community_id.eq_any(community_ids.to_vec()))
        .filter(bindings::status.eq("approved"))
        .select(bindings::user_id)
        .distinct()
        .load(conn)?)
}

// ---- leases -------------------------------------------------------------------------------

/// Takes or renews lease `name` for `holder` until `until`; false when another holder's lease
/// is still running. Returns also whether it was taken over from another holder (or is new).
pub fn take_lease(
    conn: &mut AnyConnection,
    name: &str,
    holder: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> StoreResult<Option<bool>> {
    use crate::schema::leases;
    let fresh = (leases::name.eq(name), leases::holder.eq(""), leases::until.eq(now));
    match conn {
        AnyConnection::Sqlite(c) => {
            diesel::insert_into(leases::table).values(fresh).on_conflict_do_nothing().execute(c)?
        }
        AnyConnection::Postgresql(c) => {
            diesel::insert_into(leases::table).values(fresh).on_conflict_do_nothing().execute(c)?
        }
    };
    let renewed = diesel::update(leases::table.find(name).filter(leases::holder.eq(holder)))
        .set(leases::until.eq(until))
        .execute(conn)?;
    if renewed == 1 {
        return Ok(Some(false));
    }
    let taken = diesel::update(leases::table.find(name).filter(leases::until.le(now)))
        .set((leases::holder.eq(holder), leases::until.eq(until)))
        .execute(conn)?;
    Ok((taken == 1).then_some(true))
}

/// Gives back a grant spent on a message WeChat did not take (a stop stays a stop).
pub fn refund(conn: &mut AnyConnection, user_id: &str, kind: &str, at: NaiveDateTime) -> StoreResult<()> {
    diesel::update(message_grants::table.find((user_id, kind)).filter(message_grants::stopped_at.is_null()))
        .set((message_grants::remaining.eq(message_grants::remaining + 1), message_grants::updated_at.eq(at)))
        .execute(conn)?;
    Ok(())
}
