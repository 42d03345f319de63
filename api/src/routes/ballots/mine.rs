//! GET /api/v1/consultations/{id}/ballot — the caller's own ballot, every version.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::mine::{read_ballot, MineQuery, MyBallot};

/// Your ballot (shared by all verified owners of the same owner key) with its history.
#[utoipa::path(
    operation_id = "getMyBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), MineQuery),
    responses((status = 200, body = MyBallot), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/ballot")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<MineQuery>,
) -> Result<web::Json<MyBallot>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| read_ballot(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
