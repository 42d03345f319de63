//! GET /api/v1/communities/{id}/representatives — the community's representatives.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::representatives::{list_representatives, RepresentativeView};

/// Active representatives, in the order appointed (committee and admin).
#[utoipa::path(
    operation_id = "listRepresentatives",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses(
        (status = 200, body = Vec<RepresentativeView>),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/representatives")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<RepresentativeView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_representatives(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
