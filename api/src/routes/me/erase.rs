//! DELETE /api/v1/me — a resident leaves: their identity is erased, their ballots stay counted.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{delete, web};
use diandan_app::accounts::personal::{erase, Erasure};

/// Erase the caller's identity (openid, phone, name), close the account and withdraw its
/// claims; ballots already cast stay counted, no longer linked to the person (the README says what stays and why).
#[utoipa::path(
    operation_id = "eraseMe",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, body = Erasure), (status = 401, body = crate::problem::Problem), (status = 403, body = crate::problem::Problem))
)]
#[delete("/me")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Erasure>, ApiError> {
    let out = blocking::run(&state, move |app| erase(app, &caller)).await?;
    Ok(web::Json(out))
}
