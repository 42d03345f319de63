//! GET /api/v1/property-companies — the companies an admin manages, or a staff member's own.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::companies::views::CompanyView;
use diandan_app::principal::principal;
use diandan_store::companies;

/// List companies: admins see those of their districts, property staff their own company.
#[utoipa::path(
    operation_id = "listPropertyCompanies",
    tag = "property",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CompanyView>), (status = 403, body = crate::problem::Problem))
)]
#[get("/property-companies")]
pub async fn handler(state: web::Data<AppState>, caller: Caller) -> Result<web::Json<Vec<CompanyView>>, ApiError> {
    let out = blocking::read(&state, move |c| {
        let p = principal(c, &caller)?;
        let mut rows = if p.grants.is_global_admin() {
            companies::list(c, None)?
        } else {
            let ds: Vec<String> = p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect();
            if ds.is_empty() {
                Vec::new()
            } else {
                companies::list(c, Some(&ds))?
            }
        };
        for id in p.grants.companies() {
            if !rows.iter().any(|r| r.id == id) {
                rows.extend(companies::get(c, id)?);
            }
        }
        if rows.is_empty() && !p.grants.is_any_admin() && p.grants.companies().is_empty() {
            return Err(Error::new(Code::Forbidden, "companies are listed for admins and their own staff"));
        }
        Ok(rows.into_iter().map(CompanyView::from).collect())
    })
    .await?;
    Ok(web::Json(out))
}
