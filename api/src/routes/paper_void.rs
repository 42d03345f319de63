//! POST /api/v1/paper-ballots/{version_id}/void — discard a paper entry that does not match
//! its scan (it stays in the history, voided, with the reason).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::consultations::views::{load, require_manager};
use diandan_app::principal::principal;
use diandan_domain::ids;
use diandan_domain::limits;
use diandan_store::{audit, ballots};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidRequest {
    pub reason: String,
}

/// Void a pending paper ballot.
#[utoipa::path(
    operation_id = "voidPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("version_id" = String, Path, description = "paper ballot version id")),
    request_body = VoidRequest,
    responses((status = 204, description = "voided"), (status = 403, body = crate::problem::Problem), (status = 404, body = crate::problem::Problem), (status = 409, description = "not_pending", body = crate::problem::Problem), (status = 422, body = crate::problem::Problem))
)]
#[post("/paper-ballots/{version_id}/void")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    version_id: web::Path<String>,
    body: web::Json<VoidRequest>,
) -> Result<HttpResponse, ApiError> {
    let reason = limits::REASON.check(&body.into_inner().reason).map_err(|m| Error::invalid("reason", m))?;
    let vid = version_id.into_inner();
    blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&vid) {
            return Err(Error::not_found("paper ballot"));
        }
        let v = ballots::version(c, &vid)?
            .filter(|v| v.channel == "paper")
            .ok_or_else(|| Error::not_found("paper ballot"))?;
        let (cons, comm) = load(c, &v.consultation_id)?;
        require_manager(&p, &comm)?;
        if !ballots::void_version(c, &v.id, &reason)? {
            return Err(Error::new(Code::NotPending, format!("this paper ballot is {}", v.status)));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "ballot.paper_void",
                object_type: "ballot",
                object_id: &v.ballot_id,
                community_id: Some(&comm.id),
                detail: json!({ "consultation_id": cons.id, "version_id": v.id, "reason": reason }),
            },
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
