//! POST /api/v1/auth/refresh — trade a refresh token for a new pair.

use crate::blocking;
use crate::problem::{ApiError, Code, Error};
use crate::session;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::views::TokenPair;
use diandan_auth::refresh;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, tokens, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// Rotate the refresh token. Presenting an already-used token revokes its whole family
/// (the token was copied); the client must log in again.
#[utoipa::path(
    operation_id = "refreshTokens",
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, body = TokenPair),
        (status = 401, description = "invalid_refresh_token, refresh_token_expired, refresh_token_reused, account_disabled", body = crate::problem::Problem),
    )
)]
#[post("/auth/refresh")]
pub async fn handler(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let digest = refresh::digest(body.refresh_token.trim());
    let jwt = state.jwt.clone();
    let ttl = state.refresh_ttl_days;
    // A reuse must revoke the family even though the request fails, so the outcome is
    // decided inside the transaction and the error raised after it commits.
    let outcome = blocking::write(&state, move |c| {
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
        Ok(Ok(session::issue(c, &jwt, ttl, &user.id, &user.kind, Some(&row.family_id))?))
    })
    .await?;
    Ok(web::Json(outcome?))
}
