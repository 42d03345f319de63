//! POST /api/v1/works-notices/{id}/plan — the responsible party's rectification plan for a notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::works::{submit_plan, RectificationPlan, WorksNoticeView};

/// Give the rectification plan (整改方案) of a notice: the responsible party's contact, or the committee recording a plan handed in on paper; a later plan replaces the earlier.
#[utoipa::path(
    operation_id = "submitRectificationPlan",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "works notice id")),
    request_body = RectificationPlan,
    responses(
        (status = 200, body = WorksNoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "works_notice_closed", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/works-notices/{id}/plan")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<RectificationPlan>,
) -> Result<web::Json<WorksNoticeView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| submit_plan(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
