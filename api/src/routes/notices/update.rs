//! PATCH /api/v1/notices/{id} — the committee edits a notice; only the fields sent change.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{patch, web};
use diandan_app::notices::edit::{update_notice, NoticeChange};
use diandan_app::notices::views::NoticeView;

/// Edit a notice's title, body, pin or end (a consultation's notice: its pin only).
#[utoipa::path(
    operation_id = "updateNotice",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "notice id")),
    request_body = NoticeChange,
    responses(
        (status = 200, body = NoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "wrong_state", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[patch("")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NoticeChange>,
) -> Result<web::Json<NoticeView>, ApiError> {
    let (id, ch) = (id.into_inner(), body.into_inner());
    let n = blocking::run(&state, move |app| update_notice(app, &caller, &id, ch)).await?;
    Ok(web::Json(n))
}
