//! POST /api/v1/consultations/{id}/ballot — an owner casts or revises their ballot online.

use crate::blocking;
use crate::caller::Caller;
use crate::idempotent;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{post, web, HttpRequest, HttpResponse};
use diandan_app::ballots::cast::{cast, BallotReceipt, BallotRequest};

/// Cast or revise your ballot, or an owner's under their authorisation (`proxy_id`). Every
/// version is kept and gets a receipt; the latest counts.
/// Send an `Idempotency-Key` header to make retries safe: a repeat returns the first answer.
#[utoipa::path(
    operation_id = "castBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id"), ("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    request_body = BallotRequest,
    responses(
        (status = 201, body = BallotReceipt),
        (status = 400, description = "invalid_idempotency_key, bad_request, malformed_json, invalid_query", body = crate::problem::Problem),
        (status = 403, description = "not_an_owner, binding_not_verified, not_a_resident, not_in_electorate, not_the_proxy", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "voting_not_open, voting_closed, proxy_not_confirmed, owner_voted_in_person", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, owner_ambiguous, idempotency_key_reused, content_rejected", body = crate::problem::Problem),
    )
)]
#[post("/ballot")]
pub async fn handler(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<BallotRequest>,
) -> Result<HttpResponse, ApiError> {
    let request = body.into_inner();
    let key = idempotent::from_request(&req, &request)?;
    let id = id.into_inner();
    let (status, body) = blocking::run(&state, move |app| cast(app, &caller, &id, key.as_ref(), &request)).await?;
    Ok(idempotent::respond(status, body))
}
