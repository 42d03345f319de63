//! GET /api/v1/communities/{id}/complaints — the community's work orders, filtered and paged.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::complaints::list::{list_complaints, ComplaintQuery};
use diandan_app::complaints::views::ComplaintView;
use diandan_app::page::Page;

/// List orders, newest first. The committee and admin see all; property staff the orders
/// assigned to their company; verified residents all (dwellings masked) or `mine=true`.
#[utoipa::path(
    operation_id = "listComplaints",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ComplaintQuery),
    responses((status = 200, body = Page<ComplaintView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[get("/complaints")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<ComplaintQuery>,
) -> Result<web::Json<Page<ComplaintView>>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let out = blocking::run(&state, move |app| list_complaints(app, &caller, &id, &q)).await?;
    Ok(web::Json(out))
}
