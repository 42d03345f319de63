//! POST /api/v1/complaints/{id}/reject — submitted → rejected.

use crate::caller::Caller;
use crate::complaint_flow::{take, Step, StepBody};
use crate::complaint_views::ComplaintView;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web};
use diandan_domain::complaint::Action;

/// Reject an order with a reason: the committee.
#[utoipa::path(
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "complaint id")),
    request_body = StepBody,
    responses(
        (status = 200, body = ComplaintView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "invalid_transition", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/reject")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<StepBody>,
) -> Result<web::Json<ComplaintView>, ApiError> {
    let step = Step { action: Action::Reject, note: body.into_inner().note, assign_to: None };
    Ok(web::Json(take(&state, caller, id.into_inner(), step).await?))
}
