//! The representatives' review of a design version (概念设计方案评审): the committee opens it
//! for the latest version, with the representatives appointed at that moment as its panel;
//! each panel member gives every measure agree / agree with changes / disagree and a comment;
//! the summary per measure (counts, comments, who gave none) goes to the designer; the
//! committee records the outcome (accepted: on to public notice, posted on the notice board;
//! revise: back to design).

use crate::consultations::views::require_manager;
use crate::moderation::screen::{record, screen, shown, Subject};
use crate::principal::principal;
use crate::projects::designs::phase_problem;
use crate::projects::views::{is_planner, load, load_design, require_member};
use crate::{Actor, Code, Context, Error, FieldError};
use chrono::{DateTime, Utc};
use diandan_auth::wechat_security::Scene;
use diandan_domain::project::{self, DesignState, Opinion, Outcome, Phase};
use diandan_domain::{ids, limits, time};
use diandan_store::projects::{self as store};
use diandan_store::representatives::{self as reps, OpinionRow, PanelRow, ReviewRow};
use diandan_store::{audit, clock, held, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct OpinionView {
    /// The panel member's seat ("3号楼 楼长"); representatives speak for their building.
    pub seat: String,
    /// agree | agree_with_changes | disagree
    pub opinion: String,
    /// Shown as a placeholder to others while WeChat's content check holds it.
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureSummary {
    pub measure_id: String,
    pub key: String,
    pub title: String,
    pub agree: i64,
    pub agree_with_changes: i64,
    pub disagree: i64,
    /// Panel members who gave this measure no opinion.
    pub absent: i64,
    pub opinions: Vec<OpinionView>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PanelMember {
    pub seat: String,
    /// How many of the version's measures they gave an opinion on.
    pub answered: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewView {
    pub id: String,
    pub design_id: String,
    pub version: i32,
    pub project_id: String,
    pub opened_at: DateTime<Utc>,
    /// accepted | revise; None while the review runs.
    pub outcome: Option<String>,
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub panel: Vec<PanelMember>,
    pub measures: Vec<MeasureSummary>,
    /// Whether the caller sits on the panel (then `measures` holds their opinions too).
    pub on_panel: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpinionIn {
    pub measure_id: String,
    /// agree | agree_with_changes | disagree
    pub opinion: String,
    /// Up to 500 characters (what to change, why not).
    pub comment: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Opinions {
    /// One or more measures of the version; given again, an opinion replaces the earlier one.
    pub opinions: Vec<OpinionIn>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewDecision {
    /// accepted (on to public notice) | revise (back to the designer)
    pub outcome: String,
    /// 1–500 characters, shown with the outcome.
    pub reason: String,
    /// For `accepted`: how long the public notice runs, 1–60 days (7 unless given).
    pub notice_days: Option<i64>,
}

/// Opens the review of design version `id` as the committee (or the district's admin).
pub fn open_review(ctx: &Context, actor: &Actor, id: &str) -> Result<ReviewView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (d, proj, comm) = load_design(c, id)?;
        require_manager(&p, &comm)?;
        project::require(proj.phase, Phase::Design).map_err(phase_problem)?;
        if d.state != DesignState::Submitted {
            return Err(Error::new(Code::DesignNotLatest, format!("this version is {}", d.state.as_str())));
        }
        let seats = reps::active(c, &comm.id)?;
        if seats.is_empty() {
            return Err(Error::new(Code::NoRepresentatives, "appoint the representatives before opening a review"));
        }
        let now = time::to_db(clock::now());
        let review = ReviewRow {
            id: clock::new_id(),
            design_id: d.id.clone(),
            opened_by: p.id().to_owned(),
            opened_at: now,
            outcome: None,
            reason: None,
            decided_by: None,
            decided_at: None,
        };
        let mut panel = Vec::with_capacity(seats.len());
        for r in &seats {
            let label = crate::projects::representatives::label(c, r)?;
            panel.push(PanelRow { review_id: review.id.clone(), representative_id: r.id.clone(), user_id: r.user_id.clone(), label });
        }
        reps::open_review(c, &review, &panel)?;
        if !store::set_design_state(c, &d.id, DesignState::Submitted, DesignState::InReview)?
            || !store::enter_phase(c, &proj.id, Phase::Design, Phase::DesignReview, p.id(), now, clock::new_id())?
        {
            return Err(Error::new(Code::ChangedConcurrently, "the project changed meanwhile: reload and retry"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "review.open",
                object_type: "design_review",
                object_id: &review.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "design_id": d.id, "version": d.version, "panel": panel.len(), "phase": Phase::DesignReview.as_str() }),
            },
        )?;
        review_view(c, &p, review, true)
    })
}

/// Review `id` with its summary per measure: the committee, the admin, the community's
/// designers and the panel read it.
pub fn get_review(ctx: &Context, actor: &Actor, id: &str) -> Result<ReviewView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (review, _, comm) = load_review(c, id)?;
        require_member(c, &p, &comm)?;
        let planner = is_planner(&p, &comm);
        if !planner && !reps::panel(c, &review.id)?.iter().any(|m| m.user_id == p.id()) {
            return Err(Error::new(Code::Forbidden, "a review is read by the committee, the designers and its panel"));
        }
        let sees_held = p.has(&[diandan_domain::roles::Role::Admin, diandan_domain::roles::Role::Committee], &comm);
        review_view(c, &p, review, sees_held)
    })
}

/// Records the caller's opinions `b` in review `id`.
pub fn give_opinions(ctx: &Context, actor: &Actor, id: &str, b: Opinions) -> Result<ReviewView, Error> {
    // Who may give them is checked before WeChat is asked, and again in the transaction.
    ctx.db.read(|c| seat_of(c, actor, id).map(|_| ()))?;
    let texts: Vec<(&str, Option<&str>)> = b.opinions.iter().map(|o| ("comment", o.comment.as_deref())).collect();
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &texts)?;
    ctx.db.write(|c| {
        let (p, review, seat, comm) = seat_of(c, actor, id)?;
        let measures = store::measures(c, &review.design_id)?;
        let mut errors = Vec::new();
        if b.opinions.is_empty() {
            errors.push(FieldError::new("opinions", "give at least one opinion"));
        }
        let now = time::to_db(clock::now());
        let mut rows: Vec<OpinionRow> = Vec::new();
        for (n, o) in b.opinions.iter().enumerate() {
            if !measures.iter().any(|(m, _)| m.id == o.measure_id) {
                errors.push(FieldError::new(&format!("opinions[{n}].measure_id"), "is not a measure of the reviewed version"));
            } else if rows.iter().any(|r| r.measure_id == o.measure_id) {
                errors.push(FieldError::new(&format!("opinions[{n}].measure_id"), "is repeated"));
            }
            let opinion = Opinion::parse(&o.opinion);
            if opinion.is_none() {
                errors.push(FieldError::new(&format!("opinions[{n}].opinion"), format!("must be one of {}", Opinion::names())));
            }
            let comment = limits::OPINION_COMMENT.check_optional(o.comment.as_deref()).unwrap_or_else(|m| {
                errors.push(FieldError::new(&format!("opinions[{n}].comment"), m));
                None
            });
            if let Some(opinion) = opinion {
                rows.push(OpinionRow {
                    id: clock::new_id(),
                    review_id: review.id.clone(),
                    measure_id: o.measure_id.clone(),
                    representative_id: seat.representative_id.clone(),
                    opinion,
                    comment,
                    given_at: now,
                });
            }
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let stored = reps::give(c, &rows)?;
        for (row, id) in rows.iter().zip(&stored) {
            let text = row.comment.as_deref().unwrap_or("");
            let subject = Subject {
                kind: "review_opinion",
                id,
                community_id: Some(&comm.id),
                parent_id: Some(&review.id),
                author_id: p.id(),
                text,
            };
            let outcome = if text.is_empty() { &crate::moderation::screen::Screen::Shown } else { &screened };
            record(c, outcome, subject)?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "review.opinions",
                object_type: "design_review",
                object_id: &review.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "representative_id": seat.representative_id,
                    "opinions": rows.iter().map(|r| json!({ "measure_id": r.measure_id, "opinion": r.opinion.as_str() })).collect::<Vec<_>>(),
                }),
            },
        )?;
        review_view(c, &p, review, false)
    })
}

/// Records the committee's outcome `b` of review `id`, and moves the project on.
pub fn decide_review(ctx: &Context, actor: &Actor, id: &str, b: ReviewDecision) -> Result<ReviewView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (review, proj, comm) = load_review(c, id)?;
        require_manager(&p, &comm)?;
        let mut errors = Vec::new();
        let outcome = Outcome::parse(&b.outcome);
        if outcome.is_none() {
            errors.push(FieldError::new("outcome", format!("must be one of {}", Outcome::names())));
        }
        let reason = limits::DECISION_REASON.check(&b.reason).unwrap_or_else(|m| {
            errors.push(FieldError::new("reason", m));
            String::new()
        });
        let days = b.notice_days.unwrap_or(project::NOTICE_DAYS);
        if !limits::NOTICE_DAYS.contains(days) {
            errors.push(FieldError::new("notice_days", limits::NOTICE_DAYS.rule()));
        } else if b.notice_days.is_some() && outcome == Some(Outcome::Revise) {
            errors.push(FieldError::new("notice_days", "is given only with the outcome accepted"));
        }
        let Some(outcome) = outcome.filter(|_| errors.is_empty()) else { return Err(Error::validation(errors)) };
        let instant = clock::now();
        let now = time::to_db(instant);
        if review.outcome.is_some() || !reps::decide(c, &review.id, outcome.as_str(), &reason, p.id(), now)? {
            return Err(Error::new(Code::ReviewClosed, "this review has its outcome"));
        }
        let (state, next) = match outcome {
            Outcome::Accepted => (DesignState::Accepted, project::after_review(outcome)),
            Outcome::Revise => (DesignState::Revise, project::after_review(outcome)),
        };
        if !store::set_design_state(c, &review.design_id, DesignState::InReview, state)?
            || !store::enter_phase(c, &proj.id, Phase::DesignReview, next, p.id(), now, clock::new_id())?
        {
            return Err(Error::new(Code::ChangedConcurrently, "the project changed meanwhile: reload and retry"));
        }
        let notice = match outcome {
            Outcome::Accepted => {
                let d = store::design(c, &review.design_id)?.ok_or_else(|| Error::internal("review without design"))?;
                let n = crate::projects::public_notice::post(c, &proj, &d, days, instant)?;
                Some(json!({ "notice_id": n.notice_id, "closes_at": time::from_db(n.closes_at) }))
            }
            Outcome::Revise => None,
        };
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "review.decide",
                object_type: "design_review",
                object_id: &review.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "outcome": outcome.as_str(),
                    "reason": reason,
                    "design_id": review.design_id,
                    "phase": next.as_str(),
                    "public_notice": notice,
                }),
            },
        )?;
        let fresh = reps::review(c, &review.id)?.ok_or_else(|| Error::internal("review vanished"))?;
        review_view(c, &p, fresh, true)
    })
}

/// The review, its project and community, or 404.
fn load_review(
    c: &mut AnyConnection,
    id: &str,
) -> Result<(ReviewRow, diandan_store::projects::ProjectRow, diandan_store::communities::CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("review"));
    }
    let review = reps::review(c, id)?.ok_or_else(|| Error::not_found("review"))?;
    let d = store::design(c, &review.design_id)?.ok_or_else(|| Error::internal("review without design"))?;
    let (proj, comm) = load(c, &d.project_id)?;
    Ok((review, proj, comm))
}

/// The caller, the open review and their seat on its panel.
fn seat_of(
    c: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<(crate::Principal, ReviewRow, PanelRow, diandan_store::communities::CommunityRow), Error> {
    let p = principal(c, actor)?;
    let (review, _, comm) = load_review(c, id)?;
    let seat = reps::panel(c, &review.id)?.into_iter().find(|m| m.user_id == p.id()).ok_or_else(|| {
        Error::new(Code::NotARepresentative, "only a representative on this review's panel may give opinions")
    })?;
    if review.outcome.is_some() {
        return Err(Error::new(Code::ReviewClosed, "this review has its outcome; its opinions are final"));
    }
    Ok((p, review, seat, comm))
}

/// Review `r` as `p` reads it; held comments read as the placeholder unless `sees_held` or
/// the caller wrote them.
fn review_view(
    c: &mut AnyConnection,
    p: &crate::Principal,
    r: ReviewRow,
    sees_held: bool,
) -> Result<ReviewView, Error> {
    let d = store::design(c, &r.design_id)?.ok_or_else(|| Error::internal("review without design"))?;
    let measures = store::measures(c, &d.id)?;
    let panel = reps::panel(c, &r.id)?;
    let opinions = reps::opinions(c, &r.id)?;
    let ids: Vec<String> = opinions.iter().map(|o| o.id.clone()).collect();
    let hidden = held::hidden_among(c, "review_opinion", &ids)?;
    let seat_of: HashMap<&str, &PanelRow> = panel.iter().map(|m| (m.representative_id.as_str(), m)).collect();
    let mine = panel.iter().find(|m| m.user_id == p.id()).map(|m| m.representative_id.clone());
    let summaries = measures
        .iter()
        .map(|(m, _)| {
            let given: Vec<&OpinionRow> = opinions.iter().filter(|o| o.measure_id == m.id).collect();
            let kinds: Vec<Opinion> = given.iter().map(|o| o.opinion).collect();
            let n = project::count(panel.len() as i64, &kinds);
            MeasureSummary {
                measure_id: m.id.clone(),
                key: m.key.clone(),
                title: m.title.clone(),
                agree: n.agree,
                agree_with_changes: n.agree_with_changes,
                disagree: n.disagree,
                absent: n.absent,
                opinions: given
                    .iter()
                    .map(|o| {
                        let own = mine.as_deref() == Some(o.representative_id.as_str());
                        OpinionView {
                            seat: seat_of.get(o.representative_id.as_str()).map_or(String::new(), |s| s.label.clone()),
                            opinion: o.opinion.as_str().into(),
                            comment: o.comment.clone().map(|t| shown(t, hidden.contains(&o.id), sees_held || own)),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let members = panel
        .iter()
        .map(|m| PanelMember {
            seat: m.label.clone(),
            answered: opinions.iter().filter(|o| o.representative_id == m.representative_id).count() as i64,
        })
        .collect();
    Ok(ReviewView {
        id: r.id,
        design_id: d.id,
        version: d.version,
        project_id: d.project_id,
        opened_at: time::from_db(r.opened_at),
        outcome: r.outcome,
        reason: r.reason,
        decided_at: r.decided_at.map(time::from_db),
        panel: members,
        measures: summaries,
        on_panel: mine.is_some(),
    })
}
