//! POST /api/v1/communities/{id}/complaints — a verified resident submits a work order.

use crate::blocking;
use crate::caller::Caller;
use crate::idempotent;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use diandan_app::complaints::submit::{submit, NewComplaint};
use diandan_app::complaints::views::ComplaintView;

/// Submit a complaint. Its deadline runs from now: 5 working days, or 24 hours when urgent.
/// Send an `Idempotency-Key` header to make retries safe: a repeat returns the first answer.
#[utoipa::path(
    operation_id = "submitComplaint",
    tag = "complaints",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id"), ("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    request_body = NewComplaint,
    responses(
        (status = 201, body = ComplaintView),
        (status = 400, description = "invalid_idempotency_key, bad_request, malformed_json, invalid_query", body = crate::problem::Problem),
        (status = 403, description = "not_a_resident | not_a_supervisor", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 422, description = "validation_failed, content_rejected", body = crate::problem::Problem),
    )
)]
#[post("/complaints")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewComplaint>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let key = idempotent::from_request(&req, &b)?;
    let id = id.into_inner();
    let (status, body) = blocking::run(&state, move |app| submit(app, &caller, &id, key.as_ref(), &b)).await?;
    Ok(idempotent::respond(status, body))
}
