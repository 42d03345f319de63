//! GET /api/v1/consultations/{id}/participation — turnout, while voting and after.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::participation::{read_participation, Participation};

/// How many owners (and how much area) have a counting ballot. Members see the community
/// figure; the committee also sees every building and unit (to plan door-to-door visits).
#[utoipa::path(
    operation_id = "getParticipation",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Participation), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/participation")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Participation>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| read_participation(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
