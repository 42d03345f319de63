//! GET /api/v1/communities/{id}/dwellings — the roster, filtered and paginated.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::Page;
use diandan_app::places::dwellings::{list_dwellings, DwellingQuery};
use diandan_app::views::DwellingView;

/// List dwellings. The committee and admins also see owner key, owner name, masked phone and
/// developer holding; everyone else sees building, unit, room, floor and area only.
#[utoipa::path(
    operation_id = "listDwellings",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), DwellingQuery),
    responses((status = 200, body = Page<DwellingView>), (status = 404, body = crate::problem::Problem))
)]
#[get("/dwellings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<DwellingQuery>,
) -> Result<web::Json<Page<DwellingView>>, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let page = blocking::run(&state, move |app| list_dwellings(app, &caller, &id, q)).await?;
    Ok(web::Json(page))
}
