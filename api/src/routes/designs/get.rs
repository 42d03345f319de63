//! GET /api/v1/designs/{id} — one design version.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::designs::get_design;
use diandan_app::projects::views::DesignView;

/// A design version with its measures, its coverage of the approved demand items and what changed from the version before.
#[utoipa::path(
    operation_id = "getDesign",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design id")),
    responses(
        (status = 200, body = DesignView),
        (status = 403, description = "forbidden, design_not_public", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<DesignView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_design(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
