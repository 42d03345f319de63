//! Ending a login session: its refresh-token family is revoked.

use crate::{Context, Error};
use diandan_auth::refresh;
use diandan_domain::time;
use diandan_store::{audit, clock, tokens};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    pub refresh_token: String,
}

/// Revokes the family of the request's refresh token; an unknown token changes nothing.
pub fn logout(ctx: &Context, request: &LogoutRequest) -> Result<(), Error> {
    let digest = refresh::digest(request.refresh_token.trim());
    ctx.db.write(|c| {
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
                        district_id: None,
                        detail: json!({}),
                    },
                )?;
            }
        }
        Ok(())
    })
}
