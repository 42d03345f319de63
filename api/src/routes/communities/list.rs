//! GET /api/v1/communities — communities the caller works in, or (residents) all of them to

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::page::Page;
use diandan_app::places::communities::{list_communities, CommunityQuery};
use diandan_app::views::CommunityView;

/// List communities. Admins see their districts'; committee, designers and property staff
/// see those they hold a role in; residents (no role) see all, to find theirs.
#[utoipa::path(
    operation_id = "listCommunities",
    tag = "communities",
    security(("bearer" = [])),
    params(CommunityQuery),
    responses((status = 200, body = Page<CommunityView>), (status = 401, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CommunityQuery>,
) -> Result<web::Json<Page<CommunityView>>, ApiError> {
    let q = q.into_inner();
    let page = blocking::run(&state, move |app| list_communities(app, &caller, &q)).await?;
    Ok(web::Json(page))
}
