//! GET /api/v1/catalog — the renovation menu to build consultations from.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::catalog::{list_catalog, CatalogItem, CatalogQuery};

/// The default catalogue (国办发〔2020〕23号), plus a community's own items when asked.
#[utoipa::path(
    operation_id = "listCatalog",
    tag = "consultations",
    security(("bearer" = [])),
    params(CatalogQuery),
    responses((status = 200, body = Vec<CatalogItem>), (status = 404, body = crate::problem::Problem))
)]
#[get("/catalog")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CatalogQuery>,
) -> Result<web::Json<Vec<CatalogItem>>, ApiError> {
    let q = q.into_inner();
    let items = blocking::run(&state, move |app| list_catalog(app, &caller, &q)).await?;
    Ok(web::Json(items))
}
