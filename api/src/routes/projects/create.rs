//! POST /api/v1/communities/{id}/projects — the committee starts the renovation project of a published consultation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::projects::create::{create_project, NewProject};
use diandan_app::projects::views::ProjectView;

/// Start the renovation project (怎么改) of a published consultation (committee of the community, admin of its district).
#[utoipa::path(
    operation_id = "createProject",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewProject,
    responses(
        (status = 201, body = ProjectView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "project_exists, consultation_not_published", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/projects")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewProject>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| create_project(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(out))
}
