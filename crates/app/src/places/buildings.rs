//! A community's building tree: buildings and their units, with dwelling counts.

use crate::principal::{community, principal};
use crate::{Actor, Context, Error};
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

/// The building tree of community `id` (what a resident picks from when claiming a dwelling).
pub fn list_buildings(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<BuildingNode>, Error> {
    ctx.db.read(|c| {
        principal(c, actor)?;
        let comm = community(c, id)?;
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
}
