//! GET /api/v1/communities/{id}/notices — the board: residents see what is on it now, the
//! committee everything with read counts.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::notices::board::list_notices;
use diandan_app::notices::views::NoticeView;
use diandan_app::page::{Page, PageQuery};

/// List a community's notices, pinned first, then newest first.
#[utoipa::path(
    operation_id = "listNotices",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), PageQuery),
    responses((status = 200, body = Page<NoticeView>), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("/notices")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    q: web::Query<PageQuery>,
) -> Result<web::Json<Page<NoticeView>>, ApiError> {
    let (id, q) = (id.into_inner(), q.into_inner());
    let page = blocking::run(&state, move |app| list_notices(app, &caller, &id, &q)).await?;
    Ok(web::Json(page))
}
