//! POST /api/v1/paper-ballots/{version_id}/confirm — a second committee member confirms a
//! paper ballot against its scan; from then on it counts (if signed after the owner's other
//! versions) and its receipt is on the bulletin.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web};
use diandan_app::ballots::voting::{promote, scopes};
use diandan_app::consultations::views::{load, require_manager, state as state_of};
use diandan_app::principal::principal;
use diandan_domain::bulletin::mask_dwelling;
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, ballots, consultations};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PaperConfirmed {
    pub version_id: String,
    pub receipt: String,
    /// counted, or superseded when the owner has a version signed later.
    pub status: String,
    pub bulletin_seq: i64,
}

/// Confirm a paper ballot (not by the member who entered it).
#[utoipa::path(
    operation_id = "confirmPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("version_id" = String, Path, description = "paper ballot version id")),
    responses(
        (status = 200, body = PaperConfirmed),
        (status = 403, description = "forbidden, same_member", body = crate::problem::Problem),
        (status = 404, body = crate::problem::Problem),
        (status = 409, description = "not_pending, paper_not_accepted", body = crate::problem::Problem),
    )
)]
#[post("/paper-ballots/{version_id}/confirm")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    version_id: web::Path<String>,
) -> Result<web::Json<PaperConfirmed>, ApiError> {
    let vid = version_id.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        if !ids::is_uuid(&vid) {
            return Err(Error::not_found("paper ballot"));
        }
        let v = ballots::version(c, &vid)?.filter(|v| v.channel == "paper").ok_or_else(|| Error::not_found("paper ballot"))?;
        let (cons, comm) = load(c, &v.consultation_id)?;
        require_manager(&p, &comm)?;
        if v.entered_by.as_deref() == Some(p.id()) {
            return Err(Error::new(Code::SameMember,
                "a paper ballot is confirmed by a different committee member than the one who entered it",
            ));
        }
        if v.status != "pending_confirmation" {
            return Err(Error::new(Code::NotPending, format!("this paper ballot is {}", v.status)));
        }
        if !state_of(&cons)?.accepts_paper() {
            return Err(Error::new(Code::PaperNotAccepted, "the result is final; paper ballots can no longer be confirmed"));
        }
        let now = time::to_db(clock::now());
        if !ballots::confirm_version(c, &v.id, p.id(), now, "counted")? {
            return Err(Error::new(Code::NotPending, "this paper ballot changed meanwhile"));
        }
        // Lock the owner's ballot (as a revision does) before deciding what counts; `promote`
        // then sets the version's final status (counted or superseded).
        let bal = ballots::ballot_by_id(c, &v.ballot_id)?.ok_or_else(|| Error::internal("ballot missing"))?;
        ballots::lock(c, &bal.id, now)?;
        let bal = ballots::ballot_by_id(c, &v.ballot_id)?.ok_or_else(|| Error::internal("ballot missing"))?;
        let roll = ballots::owner_roll(c, &cons.id, &bal.owner_key)?;
        let items = consultations::items(c, &cons.id)?;
        let counted = promote(c, &scopes(&items), &roll, &bal, &v)?;
        if counted && state_of(&cons)? != diandan_domain::consultation::State::Open {
            // Confirmed after closing: the fixed result moves with it.
            ballots::snapshot_results(c, &cons.id)?;
        }
        let (bn, un, room) = ballots::first_dwelling_label(c, &cons.id, &bal.owner_key)?;
        let entry = ballots::append_bulletin(c, &cons.id, &v.receipt, &mask_dwelling(&bn, &un, &room), "paper")?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "ballot.paper_confirm",
                object_type: "ballot",
                object_id: &bal.id,
                community_id: Some(&comm.id),
                detail: json!({ "consultation_id": cons.id, "version_id": v.id, "receipt": v.receipt, "counted": counted }),
            },
        )?;
        Ok(PaperConfirmed {
            version_id: v.id,
            receipt: v.receipt,
            status: if counted { "counted" } else { "superseded" }.into(),
            bulletin_seq: entry.seq,
        })
    })
    .await?;
    Ok(web::Json(out))
}
