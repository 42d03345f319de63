//! GET /api/v1/consultations/{id}/objections — the committee sees all, an owner their own.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::consultations::objections::{list_objections, ObjectionView};

/// List objections.
#[utoipa::path(
    operation_id = "listObjections",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses((status = 200, body = Vec<ObjectionView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<ObjectionView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_objections(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
