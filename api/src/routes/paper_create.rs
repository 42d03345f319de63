//! POST /api/v1/consultations/{id}/paper-ballots — a committee member enters a signed paper
//! ballot; it counts only after a second member confirms it.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diandan_app::ballots::input::{to_choices, validation, ItemChoiceIn};
use diandan_app::ballots::voting::{allowed_items, ballot_for, new_receipt, scopes};
use diandan_app::consultations::views::{load, require_manager, state as state_of};
use diandan_app::principal::principal;
use diandan_domain::limits;
use diandan_domain::{ballot, time};
use diandan_store::ballots::{self, VersionRow};
use diandan_store::clock;
use diandan_store::{audit, consultations};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperBallot {
    /// A dwelling of the owner who signed the sheet.
    pub dwelling_id: String,
    pub choices: BTreeMap<String, ItemChoiceIn>,
    pub comment: Option<String>,
    /// Reference to the scanned sheet (file name or archive number), 1–200 characters.
    pub sheet_ref: String,
    /// When the owner signed the sheet; must be within the voting window.
    pub signed_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaperEntered {
    pub version_id: String,
    pub receipt: String,
    /// pending_confirmation
    pub status: String,
}

/// Enter a paper ballot (four eyes: another committee member confirms it).
#[utoipa::path(
    operation_id = "enterPaperBallot",
    tag = "ballots",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "consultation id")),
    request_body = PaperBallot,
    responses(
        (status = 201, body = PaperEntered),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "paper_not_accepted", body = crate::problem::Problem),
        (status = 422, description = "validation_failed, signed_outside_window", body = crate::problem::Problem),
    )
)]
#[post("/paper-ballots")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<PaperBallot>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let choices = to_choices(&b.choices, b.comment.clone())?;
    let sheet_ref = limits::SHEET_REF.check(&b.sheet_ref).map_err(|m| Error::invalid("sheet_ref", m))?;
    let id = id.into_inner();
    let out = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let (cons, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        if !state_of(&cons)?.accepts_paper() {
            return Err(Error::new(Code::PaperNotAccepted, format!("paper ballots are entered while open and until the result is final (the consultation is {})", cons.state)));
        }
        let signed = time::to_db(b.signed_at);
        let now = time::to_db(clock::now());
        let in_window = cons.opened_at.is_some_and(|o| signed >= o) && cons.closes_at.is_none_or(|cl| signed < cl) && signed <= now;
        if !in_window {
            return Err(Error::invalid("signed_at", "must be within the voting window and not in the future").with_code(Code::SignedOutsideWindow));
        }
        let elector = ballots::electors_for_dwellings(c, &cons.id, std::slice::from_ref(&b.dwelling_id))?
            .into_iter()
            .next()
            .ok_or_else(|| Error::invalid("dwelling_id", "not on this consultation's roll"))?;
        let roll = ballots::owner_roll(c, &cons.id, &elector.owner_key)?;
        let items = consultations::items(c, &cons.id)?;
        let menu: HashSet<String> = items.iter().map(|i| i.id.clone()).collect();
        ballot::validate(&choices, &menu, &allowed_items(&scopes(&items), &roll)).map_err(validation)?;
        let (bal, no) = ballot_for(c, &cons.id, &elector.owner_key, now)?;
        let v = VersionRow {
            id: clock::new_id(),
            ballot_id: bal.id.clone(),
            consultation_id: cons.id.clone(),
            version_no: no,
            channel: "paper".into(),
            status: "pending_confirmation".into(),
            choices: serde_json::to_string(&choices).map_err(Error::internal)?,
            cast_by: None,
            signed_at: signed,
            sheet_ref: Some(sheet_ref),
            entered_by: Some(p.id().to_owned()),
            confirmed_by: None,
            confirmed_at: None,
            void_reason: None,
            receipt: new_receipt(),
            created_at: now,
        };
        ballots::insert_version(c, &v)?;
        audit::append(c, audit::Event {
            actor_id: Some(p.id()),
            action: "ballot.paper_enter",
            object_type: "ballot",
            object_id: &bal.id,
            community_id: Some(&comm.id),
            detail: json!({ "consultation_id": cons.id, "version": no, "version_id": v.id, "sheet_ref": v.sheet_ref, "signed_at": b.signed_at }),
        })?;
        Ok(PaperEntered { version_id: v.id, receipt: v.receipt, status: v.status })
    })
    .await?;
    Ok(HttpResponse::Created().json(out))
}
