//! GET /api/v1/communities/{id}/buildings — buildings and their units, with dwelling counts.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::{community, principal};
use diandan_domain::area::Area;
use diandan_store::roster;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitNode {
    pub id: String,
    pub name: String,
    pub dwellings: i64,
    /// Registered area of the unit, m² with two decimals.
    pub area: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BuildingNode {
    pub id: String,
    pub name: String,
    pub units: Vec<UnitNode>,
}

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
    let tree = blocking::read(&state, move |c| {
        principal(c, &caller)?;
        let comm = community(c, &id)?;
        let (buildings, units) = roster::tree(c, &comm.id)?;
        Ok(buildings
            .into_iter()
            .map(|b| BuildingNode {
                units: units
                    .iter()
                    .filter(|u| u.unit.building_id == b.id)
                    .map(|u| UnitNode {
                        id: u.unit.id.clone(),
                        name: u.unit.name.clone(),
                        dwellings: u.dwellings,
                        area: Area(u.area_centi).to_string(),
                    })
                    .collect(),
                id: b.id,
                name: b.name,
            })
            .collect())
    })
    .await?;
    Ok(web::Json(tree))
}
