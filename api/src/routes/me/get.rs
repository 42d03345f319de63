//! GET /api/v1/me — who am I, my roles per community, my dwellings.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::accounts::me::{read_me, Me};

/// The caller's account, active role grants and dwelling bindings.
#[utoipa::path(
    operation_id = "getMe",
    tag = "identity",
    security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = crate::problem::Problem))
)]
#[get("/me")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Me>, ApiError> {
    let me = blocking::run(&state, move |app| read_me(app, &caller)).await?;
    Ok(web::Json(me))
}
