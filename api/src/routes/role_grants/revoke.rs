//! DELETE /api/v1/role-grants/{id} — revoke a role; effective on the holder's next request.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::accounts::grants::revoke_grant;

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
    blocking::run(&state, move |app| revoke_grant(app, &caller, &id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
