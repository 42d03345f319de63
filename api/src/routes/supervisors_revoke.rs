//! DELETE /api/v1/communities/{id}/supervisors/{supervisor} — end an appointment.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::Error;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::{audit, complaints};
use serde_json::json;

/// Revoke a quality supervisor (committee and admin). Their reports already filed stay.
#[utoipa::path(
    operation_id = "revokeSupervisor",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ("supervisor" = String, Path, description = "appointment id")),
    responses((status = 204), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[delete("/supervisors/{supervisor}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, sid) = path.into_inner();
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        let active = complaints::supervisors(c, &comm.id)?;
        let s = active.into_iter().find(|s| s.id == sid).ok_or_else(|| Error::not_found("supervisor"))?;
        complaints::revoke_supervisor(c, &s.id, p.id(), time::to_db(clock::now()))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "supervisor.revoke",
                object_type: "quality_supervisor",
                object_id: &s.id,
                community_id: Some(&comm.id),
                detail: json!({ "user_id": s.user_id }),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
