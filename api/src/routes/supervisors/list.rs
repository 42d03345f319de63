//! GET /api/v1/communities/{id}/supervisors — the community's quality supervisors.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::supervisors::{list_supervisors, SupervisorView};

/// Active supervisors (committee and admin).
#[utoipa::path(
    operation_id = "listSupervisors",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = Vec<SupervisorView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/supervisors")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<SupervisorView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_supervisors(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
