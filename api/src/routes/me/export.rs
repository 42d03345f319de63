//! GET /api/v1/me/export — everything the service holds about the caller (PIPL art. 45).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diandan_app::accounts::personal::export;

/// Export the caller's data: account, consent, claims, ballots with their choices, work orders,
/// ratings, objections, notices read, message subscriptions and messages, sign-ins, and what
/// the audit log records they did.
#[utoipa::path(
    operation_id = "exportMyData",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, body = Object, description = "one JSON document"), (status = 401, body = crate::problem::Problem))
)]
#[get("/me/export")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    let doc = blocking::run(&state, move |app| export(app, &caller)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Disposition", "attachment; filename=\"diandan-my-data.json\""))
        .insert_header(("Cache-Control", "no-store"))
        .json(doc))
}
