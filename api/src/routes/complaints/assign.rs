//! POST /api/v1/complaints/{id}/assign — dispatch (派单) to the property company or the committee.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::complaints::flow::{take, AssignBody, Step};
use diandan_app::complaints::views::ComplaintView;
use diandan_domain::complaint::Action;

/// Dispatch an accepted order (or re-dispatch one nobody has answered yet): the committee.
/// `company` means the company serving the community today; renovation-works reports go to the
/// committee only.
#[utoipa::path(
    operation_id = "assignComplaint",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "complaint id")),
    request_body = AssignBody,
    responses(
        (status = 200, body = ComplaintView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "invalid_transition | no_property_company", body = crate::problem::Problem),
        (status = 422, description = "works_go_to_committee", body = crate::problem::Problem),
    )
)]
#[post("/assign")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<AssignBody>,
) -> Result<web::Json<ComplaintView>, ApiError> {
    let b = body.into_inner();
    let step = Step { action: Action::Assign, note: b.note, assign_to: Some(b.to) };
    let id = id.into_inner();
    Ok(web::Json(blocking::run(&state, move |app| take(app, &caller, &id, step)).await?))
}
