//! A person's own data (PIPL): everything held about them, for their export, and the erasure
//! of their identity at their request.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use crate::schema::{
    audit_log, ballot_versions, bindings, complaints, consultations, held_texts, message_grants, notice_reads,
    objections, outbox, ratings, refresh_tokens, users,
};
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// The name an erased account shows where it still appears (a complaint's history).
pub const ERASED_NAME: &str = "已注销用户";

/// Ballot versions the person cast or signed: (consultation title, receipt, channel, choices JSON, signed at).
pub fn ballots_cast(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, String, NaiveDateTime)>> {
    Ok(ballot_versions::table
        .inner_join(consultations::table.on(consultations::id.eq(ballot_versions::consultation_id)))
        .filter(ballot_versions::cast_by.eq(user_id))
        .order(ballot_versions::created_at.asc())
        .select((
            consultations::title,
            ballot_versions::receipt,
            ballot_versions::channel,
            ballot_versions::choices,
            ballot_versions::signed_at,
        ))
        .load(conn)?)
}

/// The person's work orders: (id, category, description, status, created at).
pub fn complaints_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, String, NaiveDateTime)>> {
    Ok(complaints::table
        .filter(complaints::submitted_by.eq(user_id))
        .order(complaints::created_at.asc())
        .select((
            complaints::id,
            complaints::category,
            complaints::description,
            complaints::status,
            complaints::created_at,
        ))
        .load(conn)?)
}

/// The person's ratings: (period id, six scores, comment, updated at).
pub fn ratings_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, [i32; 6], Option<String>, NaiveDateTime)>> {
    let rows: Vec<(String, i32, i32, i32, i32, i32, i32, Option<String>, NaiveDateTime)> = ratings::table
        .filter(ratings::user_id.eq(user_id))
        .order(ratings::created_at.asc())
        .select((
            ratings::period_id,
            ratings::security,
            ratings::cleaning,
            ratings::greening,
            ratings::repairs,
            ratings::fees,
            ratings::attitude,
            ratings::comment,
            ratings::updated_at,
        ))
        .load(conn)?;
    Ok(rows.into_iter().map(|(p, a, b, c, d, e, f, comment, at)| (p, [a, b, c, d, e, f], comment, at)).collect())
}

/// The person's objections: (consultation id, text, answer, filed at).
pub fn objections_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, Option<String>, NaiveDateTime)>> {
    Ok(objections::table
        .filter(objections::user_id.eq(user_id))
        .order(objections::created_at.asc())
        .select((objections::consultation_id, objections::text, objections::answer, objections::created_at))
        .load(conn)?)
}

/// The person's objections to designs on public notice: (design, measure, text, answer, filed at).
pub fn design_objections_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, Option<String>, NaiveDateTime)>> {
    use crate::schema::design_objections as o;
    Ok(o::table
        .filter(o::user_id.eq(user_id))
        .order(o::created_at.asc())
        .select((o::design_id, o::measure_id, o::text, o::answer, o::created_at))
        .load(conn)?)
}

/// The person's seats as a residents' representative: (community, seat, dwelling, appointed
/// at, revoked at).
pub fn representative_seats_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, NaiveDateTime, Option<NaiveDateTime>)>> {
    use crate::schema::representatives as r;
    Ok(r::table
        .filter(r::user_id.eq(user_id))
        .order(r::appointed_at.asc())
        .select((r::community_id, r::seat, r::dwelling_id, r::appointed_at, r::revoked_at))
        .load(conn)?)
}

/// The opinions the person gave as a representative: (review, measure, opinion, comment, at).
pub fn review_opinions_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, Option<String>, NaiveDateTime)>> {
    use crate::schema::{representatives as r, review_opinions as o};
    Ok(o::table
        .inner_join(r::table.on(r::id.eq(o::representative_id)))
        .filter(r::user_id.eq(user_id))
        .order(o::given_at.asc())
        .select((o::review_id, o::measure_id, o::opinion, o::comment, o::given_at))
        .load(conn)?)
}

/// The person's ratings of finished works: (project, measure, level, comment, rated at).
pub fn acceptance_ratings_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(String, String, String, Option<String>, NaiveDateTime)>> {
    use crate::schema::acceptance_ratings as a;
    Ok(a::table
        .filter(a::user_id.eq(user_id))
        .order(a::rated_at.asc())
        .select((a::project_id, a::measure_id, a::level, a::comment, a::rated_at))
        .load(conn)?)
}

/// Notices the person read: (notice id, read at).
pub fn reads_of(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<(String, NaiveDateTime)>> {
    Ok(notice_reads::table
        .filter(notice_reads::user_id.eq(user_id))
        .order(notice_reads::read_at.asc())
        .select((notice_reads::notice_id, notice_reads::read_at))
        .load(conn)?)
}

/// The person's sign-ins: (created, expires, revoked).
pub fn sessions_of(
    conn: &mut AnyConnection,
    user_id: &str,
) -> StoreResult<Vec<(NaiveDateTime, NaiveDateTime, Option<NaiveDateTime>)>> {
    Ok(refresh_tokens::table
        .filter(refresh_tokens::user_id.eq(user_id))
        .order(refresh_tokens::created_at.asc())
        .select((refresh_tokens::created_at, refresh_tokens::expires_at, refresh_tokens::revoked_at))
        .load(conn)?)
}

/// What the audit log records the person did: (action, object type, object id, at).
pub fn acts_of(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<(String, String, String, NaiveDateTime)>> {
    Ok(audit_log::table
        .filter(audit_log::actor_id.eq(user_id))
        .order(audit_log::id.asc())
        .select((audit_log::action, audit_log::object_type, audit_log::object_id, audit_log::at))
        .load(conn)?)
}

pub fn set_privacy(conn: &mut AnyConnection, user_id: &str, version: &str, at: NaiveDateTime) -> StoreResult<()> {
    diesel::update(users::table.find(user_id))
        .set((users::privacy_version.eq(version), users::privacy_accepted_at.eq(at)))
        .execute(conn)?;
    Ok(())
}

/// What an erasure removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    pub bindings_withdrawn: usize,
    pub ballots_unlinked: usize,
    pub sessions_revoked: usize,
}

/// Erases the identity of `user_id`: openid, phone and name go, the account is closed, its
/// sign-ins revoked, its claims withdrawn, its ballots unlinked from it (they stay counted:
/// the owner key belongs to the dwelling), its reads, subscriptions and unsent messages deleted.
pub fn erase(conn: &mut AnyConnection, user_id: &str, at: NaiveDateTime) -> StoreResult<Erased> {
    diesel::update(users::table.find(user_id))
        .set((
            users::openid.eq(None::<String>),
            users::phone.eq(None::<String>),
            users::phone_verified_at.eq(None::<NaiveDateTime>),
            users::display_name.eq(ERASED_NAME),
            users::disabled_at.eq(Some(at)),
            users::erased_at.eq(Some(at)),
        ))
        .execute(conn)?;
    let sessions_revoked = revoke_sessions(conn, user_id, at)?;
    let bindings_withdrawn = diesel::update(
        bindings::table.filter(bindings::user_id.eq(user_id)).filter(bindings::status.eq_any(["pending", "approved"])),
    )
    .set((bindings::status.eq("withdrawn"), bindings::decided_at.eq(Some(at))))
    .execute(conn)?;
    let ballots_unlinked = diesel::update(ballot_versions::table.filter(ballot_versions::cast_by.eq(user_id)))
        .set(ballot_versions::cast_by.eq(None::<String>))
        .execute(conn)?;
    // A representative who leaves no longer holds the seat (reviews already opened keep their panel).
    {
        use crate::schema::representatives as r;
        diesel::update(r::table.filter(r::user_id.eq(user_id)).filter(r::revoked_at.is_null()))
            .set((r::revoked_at.eq(Some(at)), r::revoked_by.eq(Some(user_id))))
            .execute(conn)?;
    }
    diesel::delete(notice_reads::table.filter(notice_reads::user_id.eq(user_id))).execute(conn)?;
    diesel::delete(message_grants::table.filter(message_grants::user_id.eq(user_id))).execute(conn)?;
    diesel::delete(outbox::table.filter(outbox::user_id.eq(user_id)).filter(outbox::state.eq("pending")))
        .execute(conn)?;
    // A held display name is a copy of the name being erased.
    diesel::delete(
        held_texts::table.filter(held_texts::kind.eq("display_name")).filter(held_texts::subject_id.eq(user_id)),
    )
    .execute(conn)?;
    Ok(Erased { bindings_withdrawn, ballots_unlinked, sessions_revoked })
}

/// Disables (`Some`) or enables (`None`) an account.
pub fn set_disabled(conn: &mut AnyConnection, user_id: &str, at: Option<NaiveDateTime>) -> StoreResult<()> {
    diesel::update(users::table.find(user_id)).set(users::disabled_at.eq(at)).execute(conn)?;
    Ok(())
}

/// Revokes every sign-in of the account (a disabled account must not refresh its way back).
pub fn revoke_sessions(conn: &mut AnyConnection, user_id: &str, at: NaiveDateTime) -> StoreResult<usize> {
    Ok(diesel::update(
        refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)).filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(Some(at)))
    .execute(conn)?)
}
