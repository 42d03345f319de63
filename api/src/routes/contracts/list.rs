//! GET /api/v1/communities/{id}/property-contracts — who manages the community, and when.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::companies::contracts::list_contracts;
use diandan_app::companies::views::ContractView;

/// The community's service periods, oldest first (public to any signed-in user: residents need
/// to know who their property manager is).
#[utoipa::path(
    operation_id = "listServiceContracts",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = Vec<ContractView>), (status = 404, body = crate::problem::Problem))
)]
#[get("/property-contracts")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ContractView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_contracts(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
