//! GET /api/v1/communities/{id}/complaint-figures — complaint handling in a community.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::figures::{compute, FiguresOf, FiguresView};
use diandan_app::complaints::period::PeriodQuery;
use diandan_app::principal::{community, principal};
use diandan_domain::roles::Role;

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
    let (from, to) = q.bounds()?;
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        compute(c, FiguresOf::Community(&comm.id), from, to)
    })
    .await?;
    Ok(web::Json(out))
}
