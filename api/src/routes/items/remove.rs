//! DELETE /api/v1/consultations/{id}/items/{item_id} — remove an item from a draft.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{delete, web, HttpResponse};
use diandan_app::consultations::items::remove_item;

/// Remove a draft's item.
#[utoipa::path(
    operation_id = "removeMenuItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("item_id" = String, Path, description = "item id")),
    responses((status = 204, description = "removed"), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "not_draft", body = crate::problem::Problem))
)]
#[delete("/items/{item_id}")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, item_id) = path.into_inner();
    blocking::run(&state, move |app| remove_item(app, &caller, &id, &item_id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
