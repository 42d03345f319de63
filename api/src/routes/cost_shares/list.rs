//! GET /api/v1/consultations/{id}/cost-shares — every dwelling's share of each item split by floor.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::cost_shares::{cost_shares, CostShares};

/// Each unit's split of the items split by floor (an elevator): cost, subsidy, the owners'
/// part and every dwelling's share to the fen, over the register until voting opens and the
/// frozen roll from then on. The committee and the district's admin.
#[utoipa::path(
    operation_id = "listCostShares",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = CostShares), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/cost-shares")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<CostShares>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| cost_shares(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
