//! POST /api/v1/auth/logout — end a login session.

use crate::blocking;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_auth::refresh;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, tokens};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    pub refresh_token: String,
}

/// Revoke the refresh token's family. Answers 204 whether or not the token was known, so the
/// call can be retried safely; access tokens already issued expire on their own.
#[utoipa::path(operation_id = "logout", tag = "auth", request_body = LogoutRequest, responses((status = 204, description = "session closed")))]
#[post("/auth/logout")]
pub async fn handler(state: web::Data<AppState>, body: web::Json<LogoutRequest>) -> Result<HttpResponse, ApiError> {
    let digest = refresh::digest(body.refresh_token.trim());
    blocking::write(&state, move |c| {
        if let Some(row) = tokens::by_hash(c, &digest)? {
            if tokens::revoke_family(c, &row.family_id, time::to_db(clock::now()))? > 0 {
                audit::append(
                    c,
                    audit::Event {
                        actor_id: Some(&row.user_id),
                        action: "session.end",
                        object_type: "session",
                        object_id: &row.family_id,
                        community_id: None,
                        detail: json!({}),
                    },
                )?;
            }
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
