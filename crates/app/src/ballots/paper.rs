//! Paper ballots, four eyes: a committee member enters a signed sheet, a second member confirms
//! it against its scan (from then on it counts, if signed after the owner's other versions, and
//! its receipt is on the bulletin) or voids it; the committee lists the entries awaiting a check.

use crate::ballots::input::{to_choices, validation, ItemChoiceIn};
use crate::ballots::voting::{allowed_items, ballot_for, candidate_keys, new_receipt, promote, scopes};
use crate::consultations::views::{load, require_manager};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::bulletin::mask_dwelling;
use diandan_domain::consultation::State;
use diandan_domain::{ballot, ids, limits, time};
use diandan_store::ballots::{self, VersionRow};
use diandan_store::{audit, bulletin, chains, clock, consultations, AnyConnection};
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

#[derive(Debug, Serialize, ToSchema)]
pub struct PaperConfirmed {
    pub version_id: String,
    pub receipt: String,
    /// counted, or superseded when the owner has a version signed later. The receipt is on
    /// the bulletin at once; its place in the chain follows when sealed.
    pub status: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoidRequest {
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PendingPaper {
    pub version_id: String,
    pub owner_key: String,
    pub sheet_ref: Option<String>,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    /// The member who entered it: user id and display name.
    pub entered_by: Option<String>,
    pub entered_by_name: Option<String>,
    pub entered_at: chrono::DateTime<chrono::Utc>,
    /// As entered, to compare with the scanned sheet.
    pub choices: serde_json::Value,
}

/// Enters paper ballot `b` on consultation `id`, pending a second member's confirmation.
pub fn enter_paper(ctx: &Context, actor: &Actor, id: &str, b: &PaperBallot) -> Result<PaperEntered, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        // The caller may enter ballots here: now the sheet is looked at.
        let choices = to_choices(&b.choices, b.comment.clone())?;
        let sheet_ref = limits::SHEET_REF.check(&b.sheet_ref).map_err(|m| Error::invalid("sheet_ref", m))?;
        if !cons.state.accepts_paper() {
            return Err(Error::new(
                Code::PaperNotAccepted,
                format!(
                    "paper ballots are entered while open and until the result is final (the consultation is {})",
                    cons.state.as_str()
                ),
            ));
        }
        let signed = time::to_db(b.signed_at);
        let now = time::to_db(clock::now());
        let in_window =
            cons.opened_at.is_some_and(|o| signed >= o) && cons.closes_at.is_none_or(|cl| signed < cl) && signed <= now;
        if !in_window {
            return Err(Error::invalid("signed_at", "must be within the voting window and not in the future")
                .with_code(Code::SignedOutsideWindow));
        }
        let elector = ballots::electors_for_dwellings(c, &cons.id, std::slice::from_ref(&b.dwelling_id))?
            .into_iter()
            .next()
            .ok_or_else(|| Error::invalid("dwelling_id", "not on this consultation's roll"))?;
        let roll = ballots::owner_roll(c, &cons.id, &elector.owner_key)?;
        let items = consultations::items(c, &cons.id)?;
        let menu: HashSet<String> = items.iter().map(|i| i.id.clone()).collect();
        ballot::validate(&choices, &menu, &allowed_items(&scopes(&items), &roll)).map_err(validation)?;
        ballot::validate_candidates(&choices, &candidate_keys(&items)).map_err(validation)?;
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
            proxy_id: None,
        };
        ballots::insert_version(c, &v)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "ballot.paper_enter",
                object_type: "ballot",
                object_id: &bal.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "consultation_id": cons.id,
                    "version": no,
                    "version_id": v.id,
                    "sheet_ref": v.sheet_ref,
                    "signed_at": b.signed_at,
                }),
            },
        )?;
        Ok(PaperEntered { version_id: v.id, receipt: v.receipt, status: v.status })
    })
}

/// A paper version by id, or 404 (also for online versions).
fn paper_version(c: &mut AnyConnection, version_id: &str) -> Result<VersionRow, Error> {
    if !ids::is_uuid(version_id) {
        return Err(Error::not_found("paper ballot"));
    }
    ballots::version(c, version_id)?.filter(|v| v.channel == "paper").ok_or_else(|| Error::not_found("paper ballot"))
}

/// Confirms paper version `version_id` (not by the member who entered it).
pub fn confirm_paper(ctx: &Context, actor: &Actor, version_id: &str) -> Result<PaperConfirmed, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let v = paper_version(c, version_id)?;
        // As a ballot: closing waits for this confirmation, or it waits for closing.
        chains::hold_voting(c, &v.consultation_id)?;
        let (cons, comm) = load(c, &v.consultation_id)?;
        require_manager(&p, &comm)?;
        if v.entered_by.as_deref() == Some(p.id()) {
            return Err(Error::new(
                Code::SameMember,
                "a paper ballot is confirmed by a different committee member than the one who entered it",
            ));
        }
        if v.status != "pending_confirmation" {
            return Err(Error::new(Code::NotPending, format!("this paper ballot is {}", v.status)));
        }
        if !cons.state.accepts_paper() {
            return Err(Error::new(
                Code::PaperNotAccepted,
                "the result is final; paper ballots can no longer be confirmed",
            ));
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
        let (roll, (bn, un, room)) = ballots::owner_roll_labelled(c, &cons.id, &bal.owner_key)?;
        let items = consultations::items(c, &cons.id)?;
        let counted = promote(c, &scopes(&items), &roll, &bal, &v)?.apply(c)?;
        if counted && cons.state != State::Open {
            // Confirmed after closing: the fixed result moves with it.
            ballots::snapshot_results(c, &cons.id)?;
        }
        bulletin::append(c, &cons.id, &v.receipt, &mask_dwelling(&bn, &un, &room), "paper")?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "ballot.paper_confirm",
                object_type: "ballot",
                object_id: &bal.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "consultation_id": cons.id,
                    "version_id": v.id,
                    "receipt": v.receipt,
                    "counted": counted,
                }),
            },
        )?;
        Ok(PaperConfirmed {
            version_id: v.id,
            receipt: v.receipt,
            status: if counted { "counted" } else { "superseded" }.into(),
        })
    })
}

/// Voids pending paper version `version_id` with a reason (it stays in the history).
pub fn void_paper(ctx: &Context, actor: &Actor, version_id: &str, body: &VoidRequest) -> Result<(), Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let v = paper_version(c, version_id)?;
        let (cons, comm) = load(c, &v.consultation_id)?;
        require_manager(&p, &comm)?;
        let reason = limits::REASON.check(&body.reason).map_err(|m| Error::invalid("reason", m))?;
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
                district_id: None,
                detail: json!({ "consultation_id": cons.id, "version_id": v.id, "reason": reason }),
            },
        )?;
        Ok(())
    })
}

/// The paper ballots of consultation `id` awaiting confirmation, oldest first.
pub fn list_pending(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<PendingPaper>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        Ok(ballots::pending_paper(c, &cons.id)?
            .into_iter()
            .map(|(v, owner_key, entered_by_name)| PendingPaper {
                version_id: v.id,
                owner_key,
                sheet_ref: v.sheet_ref,
                signed_at: time::from_db(v.signed_at),
                entered_by: v.entered_by,
                entered_by_name,
                entered_at: time::from_db(v.created_at),
                choices: serde_json::from_str(&v.choices).unwrap_or(serde_json::Value::Null),
            })
            .collect())
    })
}
