//! POST /api/v1/rating-periods/{id}/close — end a rating period now.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::ratings::periods::close_period;
use diandan_app::ratings::views::PeriodView;

/// Close an open period before its planned end (admin of its district). Results become public.
#[utoipa::path(
    operation_id = "closeRatingPeriod",
    tag = "ratings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "rating period id")),
    responses((status = 200, body = PeriodView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "rating_closed | rating_not_open", body = crate::problem::Problem))
)]
#[post("/close")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<PeriodView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| close_period(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
