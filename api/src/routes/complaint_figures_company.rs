//! GET /api/v1/property-companies/{id}/complaint-figures — complaint handling by a company.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::companies::views::load_company;
use diandan_app::complaints::figures::{compute, FiguresOf, FiguresView};
use diandan_app::complaints::period::PeriodQuery;
use diandan_app::principal::principal;

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
            return Err(Error::new(
                Code::Forbidden,
                "a company's figures are for its own staff and the district's administrators",
            ));
        }
        compute(c, FiguresOf::Company(&company.id), from, to)
    })
    .await?;
    Ok(web::Json(out))
}
