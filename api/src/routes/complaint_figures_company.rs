//! GET /api/v1/property-companies/{id}/complaint-figures — complaint handling by a company.

use crate::access::principal;
use crate::blocking;
use crate::caller::Caller;
use crate::company_views::load_company;
use crate::complaint_figures::{compute, FiguresOf, FiguresView};
use crate::complaint_period::PeriodQuery;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};

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
    let (from, to) = q.bounds()?;
    let id = id.into_inner();
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let company = load_company(c, &id)?;
        if !p.grants.administers(&company.district_id) && !p.grants.companies().contains(&company.id.as_str()) {
            return Err(ApiError::forbidden(
                "forbidden",
                "a company's figures are for its own staff and the district's administrators",
            ));
        }
        compute(c, FiguresOf::Company(&company.id), from, to)
    })
    .await?;
    Ok(web::Json(out))
}
