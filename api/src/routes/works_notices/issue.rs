//! POST /api/v1/projects/{id}/works-notices — issue a problem or stop-work notice on a measure.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::works::{issue_notice, NewWorksNotice, WorksNoticeView};

/// Issue a problem notice (整改通知单) or a stop-work notice (停工通知) on a measure of the approved design, from a quality supervisor's works report or an inspection, with the responsible party, a deadline and photos (committee, and the district's admin for the quality department).
#[utoipa::path(
    operation_id = "issueWorksNotice",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    request_body = NewWorksNotice,
    responses(
        (status = 201, body = WorksNoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/works-notices")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewWorksNotice>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| issue_notice(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(out))
}
