//! GET /api/v1/consultations/{id}/bulletin — the public receipt bulletin, in chain order.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::bulletin::{list_bulletin, BulletinEntry, BulletinQuery};

/// Receipts (masked dwelling, time, channel — never choices) with their hash chain.
#[utoipa::path(
    operation_id = "listBulletin",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), BulletinQuery),
    responses((status = 200, body = Vec<BulletinEntry>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/bulletin")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<BulletinQuery>,
) -> Result<web::Json<Vec<BulletinEntry>>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| list_bulletin(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
