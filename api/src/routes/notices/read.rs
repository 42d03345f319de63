//! POST /api/v1/notices/{id}/read — the caller has read the notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::notices::board::mark_read;
use diandan_app::notices::views::NoticeView;

/// Mark a notice read (the first read's time is kept; again changes nothing).
#[utoipa::path(
    operation_id = "readNotice",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "notice id")),
    responses(
        (status = 200, body = NoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state", body = crate::problem::Problem),
    )
)]
#[post("/read")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<NoticeView>, ApiError> {
    let id = id.into_inner();
    let n = blocking::run(&state, move |app| mark_read(app, &caller, &id)).await?;
    Ok(web::Json(n))
}
