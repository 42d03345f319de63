//! POST /api/v1/communities/{id}/supervisors — the committee appoints a quality supervisor.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::complaints::supervisors::{appoint_supervisor, NewSupervisor, SupervisorView};

/// Appoint a resident as quality supervisor (群众质量监督员) for the renovation works: they
/// file renovation-works reports, which go to the committee.
#[utoipa::path(
    operation_id = "appointSupervisor",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewSupervisor,
    responses(
        (status = 201, body = SupervisorView),
        (status = 403, body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "already_supervisor", body = crate::problem::Problem),
        (status = 422, description = "supervisor_not_resident", body = crate::problem::Problem),
    )
)]
#[post("/supervisors")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewSupervisor>,
) -> Result<HttpResponse, ApiError> {
    let (id, b) = (id.into_inner(), body.into_inner());
    let view = blocking::run(&state, move |app| appoint_supervisor(app, &caller, &id, b)).await?;
    Ok(HttpResponse::Created().json(view))
}
