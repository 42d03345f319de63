//! GET /api/v1/projects/{id}/acceptance — the acceptance: satisfaction per measure, open notices, decisions.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::acceptance::{get_acceptance, AcceptanceView};

/// The acceptance of a project: each measure's satisfaction (the split hidden until five dwellings rated it), the shown measures summed, the works notices still open, the caller's own ratings and the committee's decisions (members of the community).
#[utoipa::path(
    operation_id = "getAcceptance",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "project id")),
    responses(
        (status = 200, body = AcceptanceView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/acceptance")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<AcceptanceView>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| get_acceptance(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
