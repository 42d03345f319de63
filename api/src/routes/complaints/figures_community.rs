//! GET /api/v1/communities/{id}/complaint-figures — complaint handling in a community.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::figures::{read_community_figures, FiguresView};
use diandan_app::complaints::period::PeriodQuery;

/// Response, on-time, resolution and satisfaction rates and counts by category for orders
/// received in the period: the committee and admin.
#[utoipa::path(
    operation_id = "getCommunityComplaintFigures",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), PeriodQuery),
    responses((status = 200, body = FiguresView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[get("/complaint-figures")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<PeriodQuery>,
) -> Result<web::Json<FiguresView>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| read_community_figures(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
