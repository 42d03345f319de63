//! POST /api/v1/designs/{id}/approve — the committee approves a design after its public notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::public_notice::{approve_design, PublicNoticeView};

/// Approve the design on notice once the notice period is over and every objection has its answer (committee and admin); the project moves on to the works.
#[utoipa::path(
    operation_id = "approveDesign",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design id")),
    responses(
        (status = 200, body = PublicNoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_phase, wrong_state, notice_running, objections_unanswered", body = crate::problem::Problem),
    )
)]
#[post("/approve")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<PublicNoticeView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| approve_design(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
