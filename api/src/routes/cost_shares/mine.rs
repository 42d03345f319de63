//! GET /api/v1/consultations/{id}/cost-shares/mine — an owner's own shares, before they vote.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::cost_shares::{my_cost_shares, CostShares};

/// What the caller's own dwellings pay of each item split by floor that covers them, with
/// their unit's cost, subsidy and owners' part; members of the community once it is announced
/// (an owner with no dwelling under such an item gets no items).
#[utoipa::path(
    operation_id = "myCostShares",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = CostShares), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/cost-shares/mine")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<CostShares>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| my_cost_shares(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
