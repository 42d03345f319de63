//! Issuing token pairs: a JWT access token plus a rotating refresh token stored hashed.

use crate::views::TokenPair;
use crate::{Context, Error};
use diandan_auth::refresh;
use diandan_domain::time;
use diandan_store::tokens::{self, RefreshRow};
use diandan_store::{audit, clock, AnyConnection};
use serde_json::json;

/// Starts a new refresh-token family (a login) or continues one (a refresh), inside the
/// caller's transaction.
pub fn issue(
    conn: &mut AnyConnection,
    ctx: &Context,
    user_id: &str,
    kind: &str,
    family: Option<&str>,
) -> Result<TokenPair, Error> {
    let now = clock::now();
    let token = refresh::generate();
    let family_id = family.map(str::to_owned).unwrap_or_else(clock::new_id);
    let row = RefreshRow {
        id: clock::new_id(),
        user_id: user_id.to_owned(),
        family_id: family_id.clone(),
        token_hash: refresh::digest(&token),
        created_at: time::to_db(now),
        expires_at: time::to_db(now + chrono::Duration::days(ctx.refresh_ttl_days)),
        used_at: None,
        revoked_at: None,
    };
    tokens::insert(conn, &row)?;
    audit::append(
        conn,
        audit::Event {
            actor_id: Some(user_id),
            action: if family.is_some() { "session.refresh" } else { "session.start" },
            object_type: "session",
            object_id: &family_id,
            community_id: None,
            district_id: None,
            detail: json!({ "kind": kind }),
        },
    )?;
    Ok(TokenPair {
        access_token: ctx.jwt.issue(user_id, kind),
        refresh_token: token,
        token_type: "Bearer",
        expires_in: ctx.jwt.ttl_secs,
        user_id: user_id.to_owned(),
    })
}
