//! PATCH /api/v1/me — set the name the committee sees when reviewing one's claims.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{patch, web, HttpResponse};
use diandan_app::accounts::me::{update_me, MeUpdate};

/// Update one's display name.
#[utoipa::path(
    operation_id = "updateMe",
    tag = "identity",
    security(("bearer" = [])),
    request_body = MeUpdate,
    responses((status = 204, description = "updated"), (status = 401, body = crate::problem::Problem), (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem))
)]
#[patch("/me")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<MeUpdate>,
) -> Result<HttpResponse, ApiError> {
    let update = body.into_inner();
    blocking::run(&state, move |app| update_me(app, &caller, &update)).await?;
    Ok(HttpResponse::NoContent().finish())
}
