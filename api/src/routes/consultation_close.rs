//! POST /api/v1/consultations/{id}/close

use crate::caller::Caller;
use crate::consultation_views::ConsultationView;
use crate::lifecycle;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::transition_endpoint::run;
use actix_web::{post, web};

/// Close voting once the window has ended (the scheduler also closes at closes_at); fixes the bulletin head.
#[utoipa::path(
    operation_id = "closeConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    responses(
        (status = 200, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "window_running, wrong_state", body = crate::problem::Problem),
    )
)]
#[post("/close")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationView>, ApiError> {
    let out =
        run(&state, caller, id.into_inner(), |c, p, row, now| lifecycle::close(c, Some(p.id()), row, now)).await?;
    let db = state.db.clone();
    actix_web::web::block(move || db.tidy_after_close()).await?;
    Ok(web::Json(out))
}
