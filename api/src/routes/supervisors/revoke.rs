//! DELETE /api/v1/communities/{id}/supervisors/{supervisor} — end an appointment.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::complaints::supervisors::revoke_supervisor;

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
    blocking::run(&state, move |app| revoke_supervisor(app, &caller, &id, &sid)).await?;
    Ok(HttpResponse::NoContent().finish())
}
