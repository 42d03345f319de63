//! GET /api/v1/projects/{id} — one renovation project.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::create::get_project;
use diandan_app::projects::views::ProjectView;

/// A renovation project with every phase it entered and its latest design version the caller may read (members of the community).
#[utoipa::path(
    operation_id = "getProject",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    responses(
        (status = 200, body = ProjectView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ProjectView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_project(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
