//! GET /api/v1/consultations/{id}/tally — the result, once voting has closed.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ballots::tally::read_tally;
use diandan_app::consultations::tally::Tally;

/// The tally per item and scope instance. Hidden while voting is open (participation only,
/// see /participation); visible to the community's members from closing on.
#[utoipa::path(
    operation_id = "getTally",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Tally), (status = 403, description = "forbidden, results_hidden", body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/tally")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Tally>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| read_tally(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
