//! GET /api/v1/districts — the districts an admin administers (all, for the platform admin).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::places::districts::list_districts;
use diandan_app::views::DistrictView;

/// List districts.
#[utoipa::path(
    operation_id = "listDistricts",
    tag = "communities",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<DistrictView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/districts")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Vec<DistrictView>>, ApiError> {
    let districts = blocking::run(&state, move |app| list_districts(app, &caller)).await?;
    Ok(web::Json(districts))
}
