//! GET /api/v1/communities/{id} — one community with its roster totals.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::places::communities::{get_community, CommunityDetail};

/// Read a community.
#[utoipa::path(
    operation_id = "getCommunity",
    tag = "communities",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    responses((status = 200, body = CommunityDetail), (status = 404, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<CommunityDetail>, ApiError> {
    let id = id.into_inner();
    let detail = blocking::run(&state, move |app| get_community(app, &caller, &id)).await?;
    Ok(web::Json(detail))
}
