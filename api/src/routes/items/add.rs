//! POST /api/v1/consultations/{id}/items — add a menu item to a draft.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::consultations::items::{add_item, NewItem};
use diandan_app::consultations::views::ItemView;

/// Add an item to a draft's menu.
#[utoipa::path(
    operation_id = "addMenuItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = NewItem,
    responses(
        (status = 201, body = ItemView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "not_draft, item_exists", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/items")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewItem>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let id = id.into_inner();
    let item = blocking::run(&state, move |app| add_item(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(item))
}
