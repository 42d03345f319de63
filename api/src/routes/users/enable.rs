//! POST /api/v1/users/{id}/enable — an administrator opens a disabled staff account again.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::accounts::disable::set_enabled;
use diandan_app::accounts::users::StaffView;

/// Enable a disabled staff account (it signs in again with its password).
#[utoipa::path(
    operation_id = "enableStaff",
    tag = "identity",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "user id")),
    responses(
        (status = 200, body = StaffView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state", body = crate::problem::Problem),
    )
)]
#[post("/users/{id}/enable")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<StaffView>, ApiError> {
    let id = id.into_inner();
    let v = blocking::run(&state, move |app| set_enabled(app, &caller, &id, None)).await?;
    Ok(web::Json(v))
}
