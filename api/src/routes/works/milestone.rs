//! POST /api/v1/projects/{id}/milestones — post a measure's milestone.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::works::{post_milestone, NewMilestone, WorksView};

/// Post a measure's milestone — started, half, finished, in this order, never while a stop-work notice holds it (committee and admin); the last measure finished moves the project to its acceptance.
#[utoipa::path(
    operation_id = "postMilestone",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    request_body = NewMilestone,
    responses(
        (status = 200, body = WorksView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase, works_stopped, milestone_out_of_order", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/milestones")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewMilestone>,
) -> Result<web::Json<WorksView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| post_milestone(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
