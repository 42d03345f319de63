//! GET /api/v1/districts/{id}/report — the district's report for a period (周报告/月通报).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::report_tables::report_tables;
use crate::state::AppState;
use crate::tables::{download, negotiate, Format};
use actix_web::{get, web, HttpRequest, HttpResponse};
use diandan_app::complaints::period::PeriodQuery;
use diandan_app::reports::{district_report, DistrictReport};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day (YYYY-MM-DD, China time), inclusive.
    pub from: Option<String>,
    /// Last day, inclusive.
    pub to: Option<String>,
    /// json | csv | xlsx; without it, `Accept` decides (JSON by default).
    pub format: Option<String>,
}

/// The district's report for the days from–to, per community and summed: consultations opened
/// and closed, the turnout of those closed (owners and area), items passed, complaints received
/// with their on-time and satisfaction rates, and the property manager's rating of the rating
/// periods that ended in those days. JSON, CSV or XLSX, ready to send up (the district's admins).
#[utoipa::path(
    operation_id = "getDistrictReport",
    tag = "districts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "district id"), ReportQuery),
    responses(
        (status = 200, content(
            (DistrictReport = "application/json"),
            (String = "text/csv"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[get("/districts/{id}/report")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let q = q.into_inner();
    let format = negotiate(&req, q.format.as_deref())?;
    let id = id.into_inner();
    let period = PeriodQuery { from: q.from, to: q.to };
    let out = blocking::run(&state, move |app| district_report(app, &caller, &id, &period)).await?;
    match format {
        Format::Json => Ok(HttpResponse::Ok().json(out)),
        other => Ok(download(other, &format!("district-report-{}-{}", out.from, out.to), &report_tables(&out))?),
    }
}
