//! GET /api/v1/districts — the districts an admin administers (all, for the platform admin).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::principal;
use diandan_app::views::DistrictView;
use diandan_store::communities;

/// List districts.
#[utoipa::path(
    operation_id = "listDistricts",
    tag = "communities",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<DistrictView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/districts")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Vec<DistrictView>>, ApiError> {
    let rows = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        if !p.grants.is_any_admin() {
            return Err(Error::new(Code::Forbidden, "only administrators list districts"));
        }
        if p.grants.is_global_admin() {
            Ok(communities::districts(c, None)?)
        } else {
            let ids: Vec<String> = p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect();
            Ok(communities::districts(c, Some(&ids))?)
        }
    })
    .await?;
    Ok(web::Json(rows.into_iter().map(DistrictView::from).collect()))
}
