//! GET /api/v1/communities/{id}/demand-list/chart.svg — the ranked list as a bar chart.

use crate::blocking;
use crate::caller::Caller;
use crate::demand_chart::svg;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web, HttpResponse};
use diandan_app::demand::list::read;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ChartQuery {
    /// A published consultation of the community; default: the one published last.
    pub consultation_id: Option<String>,
}

/// Support by area and by headcount per item, ranked, approved items marked.
#[utoipa::path(
    operation_id = "getDemandChart",
    tag = "demand",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ChartQuery),
    responses(
        (status = 200, content((String = "image/svg+xml"))),
        (status = 403, body = crate::problem::Problem),
        (status = 404, description = "no_demand_list", body = crate::problem::Problem),
    )
)]
#[get("/demand-list/chart.svg")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ChartQuery>,
) -> Result<HttpResponse, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let (rendered, counts) =
        blocking::run(&state, move |app| read(app, &caller, &id, q.consultation_id.as_deref())).await?;
    Ok(HttpResponse::Ok().content_type("image/svg+xml; charset=utf-8").body(svg(&rendered.with_counts(&counts))))
}
