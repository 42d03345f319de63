//! GET /api/v1/projects/{id}/works — a project's works: parties, milestones per measure, notices and the ledger.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::works::{get_works, WorksView};

/// The works of a project: its parties, each measure's milestones and whether a stop-work notice holds it, every problem and stop-work notice with its ledger state, and the ledger's counts (members of the community and the parties' contacts).
#[utoipa::path(
    operation_id = "getProjectWorks",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    responses(
        (status = 200, body = WorksView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/works")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<WorksView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_works(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
