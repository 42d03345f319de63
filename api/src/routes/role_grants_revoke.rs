//! DELETE /api/v1/role-grants/{id} — revoke a role; effective on the holder's next request.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::principal::{community, principal};
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, roles};
use serde_json::json;

/// Revoke a role grant.
#[utoipa::path(
    operation_id = "revokeRole",
    tag = "identity",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "grant id")),
    responses(
        (status = 204, description = "revoked"),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_revoked, own_admin_grant", body = crate::problem::Problem),
    )
)]
#[delete("/role-grants/{id}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&id) {
            return Err(Error::not_found("role grant"));
        }
        let g = roles::get(c, &id)?.ok_or_else(|| Error::not_found("role grant"))?;
        match &g.community_id {
            Some(cid) => {
                let comm = community(c, cid)?;
                p.require_admin_of(&comm.district_id)?;
            }
            None => {
                p.require_global_admin()?;
                if g.user_id == p.id() {
                    return Err(Error::new(Code::OwnAdminGrant, "an administrator cannot revoke their own admin role"));
                }
            }
        }
        if !roles::revoke(c, &id, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::AlreadyRevoked, "this grant was already revoked"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "role.revoke",
                object_type: "role_grant",
                object_id: &g.id,
                community_id: g.community_id.as_deref(),
                detail: json!({ "user_id": g.user_id, "role": g.role }),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
