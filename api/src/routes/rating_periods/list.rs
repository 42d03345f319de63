//! GET /api/v1/rating-periods — rating periods, newest first.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::ratings::periods::{list_periods, PeriodsQuery};
use diandan_app::ratings::views::PeriodView;

/// List rating periods (any signed-in user: residents need to know when they can rate).
#[utoipa::path(
    operation_id = "listRatingPeriods",
    tag = "ratings",
    security(("bearer" = [])),
    params(PeriodsQuery),
    responses((status = 200, body = Vec<PeriodView>), (status = 422, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<PeriodsQuery>,
) -> Result<web::Json<Vec<PeriodView>>, ApiError> {
    let q = q.into_inner();
    let out = blocking::run(&state, move |app| list_periods(app, &caller, &q)).await?;
    Ok(web::Json(out))
}
