//! GET /api/v1/projects/{id}/designs — the design versions the caller may read.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::designs::list_designs;
use diandan_app::projects::views::DesignSummary;

/// The project's design versions the caller may read, newest first: all for the committee and designers, the reviewed one for its panel, the accepted one for residents.
#[utoipa::path(
    operation_id = "listDesigns",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    responses(
        (status = 200, body = Vec<DesignSummary>),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/designs")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<DesignSummary>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_designs(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
