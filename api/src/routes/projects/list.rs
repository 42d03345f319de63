//! GET /api/v1/communities/{id}/projects — the community's renovation projects.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::create::list_projects;
use diandan_app::projects::views::ProjectView;

/// The community's renovation projects with their phases, newest first (members of the community).
#[utoipa::path(
    operation_id = "listProjects",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses(
        (status = 200, body = Vec<ProjectView>),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/projects")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ProjectView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_projects(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
