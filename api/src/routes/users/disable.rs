//! POST /api/v1/users/{id}/disable — an administrator closes a staff account.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::disable::{set_enabled, DisableBody};
use diandan_app::accounts::users::StaffView;

/// Disable a staff account with a reason: refused at its next request, its sign-ins revoked.
#[utoipa::path(
    operation_id = "disableStaff",
    tag = "identity",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "user id")),
    request_body = DisableBody,
    responses(
        (status = 200, body = StaffView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/users/{id}/disable")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<DisableBody>,
) -> Result<web::Json<StaffView>, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let v = blocking::run(&state, move |app| set_enabled(app, &caller, &id, Some(&b))).await?;
    Ok(web::Json(v))
}
