//! DELETE /api/v1/communities/{id}/representatives/{representative} — end an appointment.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::projects::representatives::revoke_representative;

/// Revoke a representative (committee and admin); reviews already opened keep their panel.
#[utoipa::path(
    operation_id = "revokeRepresentative",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ("representative" = String, Path, description = "appointment id")),
    responses(
        (status = 204),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[delete("/representatives/{representative}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, sub) = path.into_inner();
    blocking::run(&state, move |app| revoke_representative(app, &caller, &id, &sub)).await?;
    Ok(HttpResponse::NoContent().finish())
}
