//! GET /api/v1/rating-periods/{id}/ratings/mine — the caller's dwellings' ratings in a period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::principal;
use diandan_app::ratings::views::{load_period, RatingView};
use diandan_store::{bindings, ratings};

/// Ratings of the dwellings the caller is verified for (whoever of the household gave them).
#[utoipa::path(
    operation_id = "getMyRating",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    responses((status = 200, body = Vec<RatingView>), (status = 404, body = crate::problem::Problem))
)]
#[get("/ratings/mine")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<RatingView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let period = load_period(c, &id)?;
        let dwellings: Vec<String> = bindings::approved_in_district(c, p.id(), &period.district_id)?
            .into_iter()
            .map(|b| b.dwelling_id)
            .collect();
        Ok(ratings::of_dwellings(c, &period.id, &dwellings)?.into_iter().map(RatingView::from).collect())
    })
    .await?;
    Ok(web::Json(out))
}
