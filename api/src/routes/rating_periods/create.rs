//! POST /api/v1/rating-periods — an admin opens a rating period for a district.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::ratings::periods::{open_period, NewPeriod};
use diandan_app::ratings::views::PeriodView;

/// Open a rating period: every community of the district with a property company may be rated.
#[utoipa::path(
    operation_id = "openRatingPeriod",
    tag = "ratings",
    security(("bearer" = [])),
    request_body = NewPeriod,
    responses(
        (status = 201, body = PeriodView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "period_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewPeriod>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let view = blocking::run(&state, move |app| open_period(app, &caller, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
