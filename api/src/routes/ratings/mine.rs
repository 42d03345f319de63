//! GET /api/v1/rating-periods/{id}/ratings/mine — the caller's dwellings' ratings in a period.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ratings::rating::list_my_ratings;
use diandan_app::ratings::views::RatingView;

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
    let out = blocking::run(&state, move |app| list_my_ratings(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
