//! GET /api/v1/notices/{id} — one notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::notices::board::get_notice;
use diandan_app::notices::views::NoticeView;

/// Read one notice (residents: while it is on the board).
#[utoipa::path(
    operation_id = "getNotice",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "notice id")),
    responses((status = 200, body = NoticeView), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem))
)]
#[get("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<NoticeView>, ApiError> {
    let id = id.into_inner();
    let n = blocking::run(&state, move |app| get_notice(app, &caller, &id)).await?;
    Ok(web::Json(n))
}
