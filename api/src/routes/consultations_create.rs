//! POST /api/v1/communities/{id}/consultations — the committee drafts a consultation.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::Error;
use crate::problem::{ApiError, FieldError};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diandan_app::consultations::views::{require_manager, view, ConsultationView};
use diandan_app::principal::{community, principal};
use diandan_domain::audit::GENESIS;
use diandan_domain::consultation::window_too_long;
use diandan_domain::limits;
use diandan_domain::time;
use diandan_store::audit;
use diandan_store::clock;
use diandan_store::consultations::{self, ConsultationRow};
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
    #[serde(default, deserialize_with = "diandan_app::whole_number::opt_int")]
    pub announce_days: Option<i32>,
    /// Objection period after the preliminary result, days (default 7; 0–30).
    #[serde(default, deserialize_with = "diandan_app::whole_number::opt_int")]
    pub objection_days: Option<i32>,
    /// Voting window (RFC 3339); required before announcing.
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
}

pub fn validate(f: &ConsultationFields, max_voting_days: i64) -> Result<(), Error> {
    let mut errors = Vec::new();
    if let Err(m) = limits::TITLE.check(&f.title) {
        errors.push(FieldError { field: "title".into(), message: m });
    }
    if f.description.chars().count() > limits::CONSULTATION_DESCRIPTION.max {
        errors.push(FieldError { field: "description".into(), message: limits::CONSULTATION_DESCRIPTION.rule() });
    }
    if f.announce_days.is_some_and(|d| !limits::ANNOUNCE_DAYS.contains(d.into())) {
        errors.push(FieldError { field: "announce_days".into(), message: limits::ANNOUNCE_DAYS.rule() });
    }
    if f.objection_days.is_some_and(|d| !limits::OBJECTION_DAYS.contains(d.into())) {
        errors.push(FieldError { field: "objection_days".into(), message: limits::OBJECTION_DAYS.rule() });
    }
    if let (Some(o), Some(c)) = (f.opens_at, f.closes_at) {
        if c <= o {
            errors.push(FieldError { field: "closes_at".into(), message: "must be after opens_at".into() });
        } else if window_too_long(o, c, max_voting_days) && errors.is_empty() {
            return Err(diandan_app::consultations::views::window_too_long(max_voting_days));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::validation(errors))
    }
}

/// Draft a consultation (its menu is added item by item).
#[utoipa::path(
    operation_id = "createConsultation",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = ConsultationFields,
    responses(
        (status = 201, body = ConsultationView),
        (status = 403, body = crate::problem::Problem),
        (status = 422, description = "validation_failed, voting_window_too_long (beyond DIANDAN_MAX_VOTING_DAYS)", body = crate::problem::Problem),
    )
)]
#[post("/consultations")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ConsultationFields>,
) -> Result<HttpResponse, ApiError> {
    let f = body.into_inner();
    validate(&f, state.app.max_voting_days)?;
    let id = id.into_inner();
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        require_manager(&p, &comm)?;
        let now = time::to_db(clock::now());
        let row = ConsultationRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            title: f.title.trim().to_string(),
            description: f.description,
            state: "draft".into(),
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
                detail: json!({ "title": row.title }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(view(row, Vec::new())))
}
