//! POST /api/v1/communities/{id}/notices — the committee or the street office posts a notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::notices::post::{post_notice, NewNotice};
use diandan_app::notices::views::NoticeView;

/// Post a notice to the community's board (committee of the community, admin of its district).
#[utoipa::path(
    operation_id = "postNotice",
    tag = "notices",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewNotice,
    responses(
        (status = 201, body = NoticeView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/notices")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewNotice>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let notice = blocking::run(&state, move |app| post_notice(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(notice))
}
