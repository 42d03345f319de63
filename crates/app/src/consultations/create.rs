//! The committee drafts a consultation: the manager's right, then the fields (the same rules as
//! an edit of a draft), the draft row and its audit entry in one transaction.

use crate::consultations::views::{require_manager, view, window_too_long, ConsultationView};
use crate::principal::{community, principal};
use crate::{Actor, Context, Error, FieldError};
use chrono::{DateTime, Utc};
use diandan_domain::audit::GENESIS;
use diandan_domain::consultation;
use diandan_domain::consultation::State;
use diandan_domain::{limits, time};
use diandan_store::consultations::{self, ConsultationRow};
use diandan_store::{audit, clock};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Announcement period before voting opens, days (default 15; 0–60).
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
    pub announce_days: Option<i32>,
    /// Objection period after the preliminary result, days (default 7; 0–30).
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
    pub objection_days: Option<i32>,
    /// Voting window (RFC 3339); required before announcing.
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
}

/// The rules of a draft's fields (a new draft, or an edited one once merged).
pub fn validate(f: &ConsultationFields, max_voting_days: i64) -> Result<(), Error> {
    let mut errors = Vec::new();
    if let Err(m) = limits::TITLE.check(&f.title) {
        errors.push(FieldError::new("title", m));
    }
    if f.description.chars().count() > limits::CONSULTATION_DESCRIPTION.max {
        errors.push(FieldError::new("description", limits::CONSULTATION_DESCRIPTION.rule()));
    }
    if f.announce_days.is_some_and(|d| !limits::ANNOUNCE_DAYS.contains(d.into())) {
        errors.push(FieldError::new("announce_days", limits::ANNOUNCE_DAYS.rule()));
    }
    if f.objection_days.is_some_and(|d| !limits::OBJECTION_DAYS.contains(d.into())) {
        errors.push(FieldError::new("objection_days", limits::OBJECTION_DAYS.rule()));
    }
    if let (Some(o), Some(c)) = (f.opens_at, f.closes_at) {
        if c <= o {
            errors.push(FieldError::new("closes_at", "must be after opens_at"));
        } else if consultation::window_too_long(o, c, max_voting_days) && errors.is_empty() {
            return Err(window_too_long(max_voting_days));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(errors))
    }
}

/// Drafts `f` in community `community_id`; answers the draft (with an empty menu).
pub fn create_consultation(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    f: ConsultationFields,
) -> Result<ConsultationView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        // The caller may draft here: now the fields are looked at.
        validate(&f, ctx.max_voting_days)?;
        let now = time::to_db(clock::now());
        let row = ConsultationRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            title: f.title.trim().to_string(),
            description: f.description,
            state: State::Draft,
            announce_days: f.announce_days.unwrap_or(15),
            objection_days: f.objection_days.unwrap_or(7),
            opens_at: f.opens_at.map(time::to_db),
            closes_at: f.closes_at.map(time::to_db),
            announced_at: None,
            opened_at: None,
            closed_at: None,
            preliminary_at: None,
            objection_deadline: None,
            reviewed_at: None,
            published_at: None,
            extension_reason: None,
            roll_hash: None,
            menu_hash: None,
            roll_owners: 0,
            roll_area: 0,
            bulletin_seq: 0,
            bulletin_head: GENESIS.into(),
            closing_head: None,
            created_by: Some(p.id().to_owned()),
            created_at: now,
            updated_at: now,
        };
        consultations::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "consultation.create",
                object_type: "consultation",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "title": row.title }),
            },
        )?;
        Ok(view(row, Vec::new()))
    })
}
