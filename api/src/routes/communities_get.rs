//! GET /api/v1/communities/{id} — one community with its roster totals.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::{community, principal};
use diandan_app::views::CommunityView;
use diandan_domain::area::Area;
use diandan_store::roster;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub community: CommunityView,
    pub buildings: i64,
    pub units: i64,
    pub dwellings: i64,
    /// Total registered area, m² with two decimals.
    pub total_area: String,
}

/// Read a community.
#[utoipa::path(
    operation_id = "getCommunity",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = CommunityDetail), (status = 404, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<CommunityDetail>, ApiError> {
    let id = id.into_inner();
    let detail = blocking::read(&state, move |c| {
        principal(c, &caller)?;
        let comm = community(c, &id)?;
        let (buildings, units) = roster::tree(c, &comm.id)?;
        Ok(CommunityDetail {
            buildings: buildings.len() as i64,
            units: units.len() as i64,
            dwellings: units.iter().map(|u| u.dwellings).sum(),
            total_area: Area(units.iter().map(|u| u.area_centi).sum()).to_string(),
            community: CommunityView::from(comm),
        })
    })
    .await?;
    Ok(web::Json(detail))
}
