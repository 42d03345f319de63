//! POST /api/v1/works-notices/{id}/close — close a works notice (销号) or lift a stop-work notice.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::projects::works::{close_notice, CloseWorksNotice, WorksNoticeView};

/// Close a problem notice (销号) with a note and photos after rectification, or lift a stop-work notice: the committee or the quality department (the district's admin) only; a party of the works is refused with not_a_closer.
#[utoipa::path(
    operation_id = "closeWorksNotice",
    tag = "projects",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "works notice id")),
    request_body = CloseWorksNotice,
    responses(
        (status = 200, body = WorksNoticeView),
        (status = 403, description = "not_a_closer, forbidden", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "works_notice_closed", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/works-notices/{id}/close")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<CloseWorksNotice>,
) -> Result<web::Json<WorksNoticeView>, ApiError> {
    let id = id.into_inner();
    let b = body.into_inner();
    let out = blocking::run(&state, move |app| close_notice(app, &caller, &id, b)).await?;
    Ok(web::Json(out))
}
