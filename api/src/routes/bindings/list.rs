//! GET /api/v1/communities/{id}/bindings — claims for the committee to review.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::bindings::list::{list_bindings, BindingQuery};
use diandan_app::page::Page;
use diandan_app::views::BindingView;

/// List a community's bindings (claimant name and masked phone included).
#[utoipa::path(
    operation_id = "listBindings",
    tag = "bindings",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), BindingQuery),
    responses((status = 200, body = Page<BindingView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/bindings")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<BindingQuery>,
) -> Result<web::Json<Page<BindingView>>, ApiError> {
    let id = id.into_inner();
    let q = q.into_inner();
    let page = blocking::run(&state, move |app| list_bindings(app, &caller, &id, &q)).await?;
    Ok(web::Json(page))
}
