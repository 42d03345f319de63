//! Trading a refresh token for a new pair; a reused token ends every session of its family.

use crate::accounts::session;
use crate::views::TokenPair;
use crate::{Code, Context, Error};
use diandan_auth::refresh::digest;
use diandan_domain::time;
use diandan_store::{audit, clock, tokens, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Rotates the request's refresh token into a new pair of the same family.
pub fn refresh(ctx: &Context, request: &RefreshRequest) -> Result<TokenPair, Error> {
    let digest = digest(request.refresh_token.trim());
    // A reuse must revoke the family even though the request fails, so the outcome is
    // decided inside the transaction and the error raised after it commits.
    let outcome = ctx.db.write(|c| -> Result<Result<TokenPair, Error>, Error> {
        let invalid = || Error::new(Code::InvalidRefreshToken, "the refresh token is not valid; log in again");
        let row = tokens::by_hash(c, &digest)?.ok_or_else(invalid)?;
        let now = clock::now();
        if row.revoked_at.is_some() {
            return Err(invalid());
        }
        if row.used_at.is_some() || !tokens::mark_used(c, &row.id, time::to_db(now))? {
            tokens::revoke_family(c, &row.family_id, time::to_db(now))?;
            audit::append(
                c,
                audit::Event {
                    actor_id: Some(&row.user_id),
                    action: "session.revoke_reused",
                    object_type: "session",
                    object_id: &row.family_id,
                    community_id: None,
                    district_id: None,
                    detail: json!({}),
                },
            )?;
            return Ok(Err(Error::new(
                Code::RefreshTokenReused,
                "this refresh token was already used; every session of this login is now closed",
            )));
        }
        if time::from_db(row.expires_at) <= now {
            return Err(Error::new(Code::RefreshTokenExpired, "the refresh token has expired; log in again"));
        }
        let user = users::get(c, &row.user_id)?.ok_or_else(invalid)?;
        if user.disabled_at.is_some() {
            return Err(Error::new(Code::AccountDisabled, "this account is disabled"));
        }
        Ok(Ok(session::issue(c, ctx, &user.id, &user.kind, Some(&row.family_id))?))
    })?;
    outcome
}
