//! POST /api/v1/users — an admin creates a staff account (committee, designer, property...).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::accounts::users::{create_staff, prepare_staff, NewStaff, StaffView};

/// Create a staff account. Roles are granted separately (POST /role-grants).
#[utoipa::path(
    operation_id = "createStaffUser",
    tag = "identity",
    security(("bearer" = [])),
    request_body = NewStaff,
    responses(
        (status = 201, body = StaffView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "username_taken", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/users")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewStaff>,
) -> Result<HttpResponse, ApiError> {
    let new = body.into_inner();
    // The right and the fields are checked before ~30 ms of CPU are spent on the hash, which
    // runs on the hashing pool (one hash per core at a time).
    let check = caller.clone();
    let draft = blocking::run(&state, move |app| prepare_staff(app, &check, new)).await?;
    let staff = state.password_work.run(move || draft.hash()).await?;
    let view = blocking::run(&state, move |app| create_staff(app, &caller, staff)).await?;
    Ok(HttpResponse::Created().json(view))
}
