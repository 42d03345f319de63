//! POST /api/v1/communities/{id}/catalog — a community adds an item of its own to the menu.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::catalog::{add_catalog_item, CatalogItem, NewCatalogItem};

/// Add a community catalogue item.
#[utoipa::path(
    operation_id = "createCatalogItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewCatalogItem,
    responses(
        (status = 201, body = CatalogItem),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "code_taken", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/catalog")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewCatalogItem>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let id = id.into_inner();
    let item = blocking::run(&state, move |app| add_catalog_item(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(item))
}
