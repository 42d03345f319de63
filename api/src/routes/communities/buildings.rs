//! GET /api/v1/communities/{id}/buildings — buildings and their units, with dwelling counts.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::places::buildings::{list_buildings, BuildingNode};

/// The community's building tree (what a resident picks from when claiming a dwelling).
#[utoipa::path(
    operation_id = "listBuildings",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = Vec<BuildingNode>), (status = 404, body = crate::problem::Problem))
)]
#[get("/buildings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<BuildingNode>>, ApiError> {
    let id = id.into_inner();
    let tree = blocking::run(&state, move |app| list_buildings(app, &caller, &id)).await?;
    Ok(web::Json(tree))
}
