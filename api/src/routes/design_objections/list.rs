//! GET /api/v1/designs/{id}/objections — the objections to a design.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::projects::public_notice::{list_objections, DesignObjectionView};

/// The objections to a design in the order they came: all of them for the committee, the admin and the designers; a resident's own otherwise.
#[utoipa::path(
    operation_id = "listDesignObjections",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "design id")),
    responses(
        (status = 200, body = Vec<DesignObjectionView>),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
    )
)]
#[get("/objections")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<Vec<DesignObjectionView>>, ApiError> {
    let id = id.into_inner();
    let out = blocking::run(&state, move |app| list_objections(app, &caller, &id)).await?;
    Ok(web::Json(out))
}
