//! GET /api/v1/property-companies/{id}/complaint-figures — complaint handling by a company.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::figures::{read_company_figures, FiguresView};
use diandan_app::complaints::period::PeriodQuery;

/// Figures over the orders assigned to the company in the period, all communities together:
/// admins of the company's district and the company's own staff.
#[utoipa::path(
    operation_id = "getCompanyComplaintFigures",
    tag = "property",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "company id"), PeriodQuery),
    responses((status = 200, body = FiguresView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[get("/property-companies/{id}/complaint-figures")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<PeriodQuery>,
) -> Result<web::Json<FiguresView>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| read_company_figures(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
