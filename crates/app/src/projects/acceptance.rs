//! The acceptance of the works (竣工验收, "以群众满意度检验改造成效"): once every measure is
//! finished, the community's verified residents rate each measure (one rating per dwelling,
//! satisfied / basically satisfied / dissatisfied, with a comment); the figures stay hidden
//! until five dwellings rated the measure, as with the property ratings; the committee decides
//! on the figures with no works notice left open, and the district sees its projects by phase
//! with their satisfaction.

use crate::consultations::views::require_manager;
use crate::moderation::screen::{record, screen, Screen, Subject};
use crate::principal::principal;
use crate::projects::designs::phase_problem;
use crate::projects::views::{load, require_member};
use crate::projects::works::{approved_design, approved_design_if_any};
use crate::{Actor, Code, Context, Error, FieldError};
use chrono::{DateTime, Utc};
use diandan_auth::wechat_security::Scene;
use diandan_domain::project::{self, Phase};
use diandan_domain::roles::Role;
use diandan_domain::works::{self, Counts, Decision, Satisfaction};
use diandan_domain::{ids, limits, time};
use diandan_store::projects::{self, MeasureRow, ProjectRow};
use diandan_store::works::{self as store, AcceptanceRow, RatingRow};
use diandan_store::{audit, bindings, clock, communities, held, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeSet, HashMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceRatings {
    /// One entry per measure rated; a measure rated again replaces the dwelling's earlier rating.
    pub ratings: Vec<AcceptanceRatingInput>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceRatingInput {
    pub measure_id: String,
    /// satisfied | basically_satisfied | dissatisfied
    pub level: String,
    /// 0–500 characters, shown without a name once the measure's figures are shown.
    pub comment: Option<String>,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct SharesView {
    /// Percentages with one decimal, half up.
    pub satisfied: String,
    pub basically_satisfied: String,
    pub dissatisfied: String,
    /// 满意率: satisfied and basically satisfied over all ratings.
    pub satisfaction_rate: String,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct MeasureSatisfaction {
    pub measure_id: String,
    pub key: String,
    pub title: String,
    /// Dwellings that rated the measure.
    pub rated: i64,
    /// The split, once `rated` reaches the threshold (None before).
    pub satisfied: Option<i64>,
    pub basically_satisfied: Option<i64>,
    pub dissatisfied: Option<i64>,
    pub shares: Option<SharesView>,
    /// The comments, without names, once the split is shown (texts WeChat holds are left out
    /// until released).
    pub comments: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyRating {
    pub measure_id: String,
    /// satisfied | basically_satisfied | dissatisfied
    pub level: String,
    pub comment: Option<String>,
    pub rated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptanceDecisionView {
    /// accepted | not_accepted
    pub decision: String,
    pub reason: String,
    pub decided_at: DateTime<Utc>,
    /// The figures the decision was taken on, as they were shown then.
    pub figures: serde_json::Value,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AcceptanceView {
    pub project_id: String,
    /// The project's phase: ratings are taken in `acceptance`.
    pub phase: String,
    /// A measure's split is shown once this many dwellings rated it.
    pub threshold: i64,
    /// Dwellings that rated at least one measure.
    pub rated_dwellings: i64,
    pub measures: Vec<MeasureSatisfaction>,
    /// The measures whose split is shown, summed (a hidden measure is left out, so no
    /// subtraction reveals it).
    pub overall: Option<SharesView>,
    /// Works notices not closed: the project is accepted only with none.
    pub open_notices: i64,
    /// The caller's dwelling's ratings.
    pub mine: Vec<MyRating>,
    /// The committee's decisions, oldest first.
    pub decisions: Vec<AcceptanceDecisionView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceDecisionInput {
    /// accepted (the project is done) | not_accepted (it stays in acceptance)
    pub decision: String,
    /// 1–500 characters.
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DistrictProjectView {
    pub id: String,
    pub community_id: String,
    pub community_name: String,
    pub title: String,
    /// design | design_review | public_notice | works | acceptance | done
    pub phase: String,
    pub phase_since: DateTime<Utc>,
    /// Works notices not closed, and those past their deadline.
    pub open_notices: i64,
    pub overdue_notices: i64,
    pub rated_dwellings: i64,
    /// The satisfaction of the measures whose split is shown (None: none is yet).
    pub satisfaction: Option<SharesView>,
}

/// The acceptance of project `id`: members of the community read it.
pub fn get_acceptance(ctx: &Context, actor: &Actor, id: &str) -> Result<AcceptanceView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_member(c, &p, &comm)?;
        let home = bindings::approved_in(c, p.id(), &comm.id)?.into_iter().map(|b| b.dwelling_id).min();
        let sees_held = p.has(&[Role::Admin, Role::Committee], &comm);
        acceptance_view(c, &proj, home.as_deref(), sees_held)
    })
}

/// Records the caller's dwelling's ratings `b` of project `id`'s measures.
pub fn rate(ctx: &Context, actor: &Actor, id: &str, b: AcceptanceRatings) -> Result<AcceptanceView, Error> {
    ctx.db.read(|c| rater(c, actor, id).map(|_| ()))?;
    let texts: Vec<(&str, Option<&str>)> = b.ratings.iter().map(|r| ("comment", r.comment.as_deref())).collect();
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &texts)?;
    ctx.db.write(|c| {
        let (p, proj, home, community_id) = rater(c, actor, id)?;
        let (_, measures) = approved_design(c, &proj)?;
        let mut errors = Vec::new();
        if b.ratings.is_empty() {
            errors.push(FieldError::new("ratings", "rate at least one measure"));
        }
        let now = time::to_db(clock::now());
        let mut rows: Vec<RatingRow> = Vec::new();
        for (n, r) in b.ratings.iter().enumerate() {
            if !measures.iter().any(|(m, _)| m.id == r.measure_id) {
                errors.push(FieldError::new(
                    &format!("ratings[{n}].measure_id"),
                    "is not a measure of the approved design",
                ));
            } else if rows.iter().any(|x| x.measure_id == r.measure_id) {
                errors.push(FieldError::new(&format!("ratings[{n}].measure_id"), "is repeated"));
            }
            let level = Satisfaction::parse(&r.level);
            if level.is_none() {
                errors.push(FieldError::new(
                    &format!("ratings[{n}].level"),
                    format!("must be one of {}", Satisfaction::names()),
                ));
            }
            let comment = limits::ACCEPTANCE_COMMENT.check_optional(r.comment.as_deref()).unwrap_or_else(|m| {
                errors.push(FieldError::new(&format!("ratings[{n}].comment"), m));
                None
            });
            if let Some(level) = level {
                rows.push(RatingRow {
                    id: clock::new_id(),
                    project_id: proj.id.clone(),
                    measure_id: r.measure_id.clone(),
                    dwelling_id: home.clone(),
                    user_id: p.id().to_owned(),
                    level,
                    comment: comment.filter(|t| !t.is_empty()),
                    rated_at: now,
                });
            }
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let stored = store::rate(c, &rows)?;
        for (row, rid) in rows.iter().zip(&stored) {
            let text = row.comment.as_deref().unwrap_or("");
            let subject = Subject {
                kind: "acceptance_rating",
                id: rid,
                community_id: Some(&community_id),
                parent_id: Some(&proj.id),
                author_id: p.id(),
                text,
            };
            record(c, if text.is_empty() { &Screen::Shown } else { &screened }, subject)?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "acceptance.rate",
                object_type: "project",
                object_id: &proj.id,
                community_id: Some(&community_id),
                district_id: None,
                detail: json!({ "dwelling_id": home, "measures": rows.len() }),
            },
        )?;
        acceptance_view(c, &proj, Some(&home), false)
    })
}

/// Records the committee's acceptance decision `b` on project `id`: accepted needs every works
/// notice closed and ends the project; not accepted keeps it in acceptance.
pub fn decide(ctx: &Context, actor: &Actor, id: &str, b: AcceptanceDecisionInput) -> Result<AcceptanceView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        project::require(proj.phase, Phase::Acceptance).map_err(phase_problem)?;
        let mut errors = Vec::new();
        let decision = Decision::parse(&b.decision);
        if decision.is_none() {
            errors.push(FieldError::new("decision", format!("must be one of {}", Decision::names())));
        }
        let reason = limits::DECISION_REASON.check(&b.reason).unwrap_or_else(|m| {
            errors.push(FieldError::new("reason", m));
            String::new()
        });
        let (Some(decision), true) = (decision, errors.is_empty()) else {
            return Err(Error::validation(errors));
        };
        let view = acceptance_view(c, &proj, None, false)?;
        if decision == Decision::Accepted && view.open_notices > 0 {
            return Err(Error::new(
                Code::NoticesOpen,
                format!("{} works notices are not closed; close them before accepting the works", view.open_notices),
            ));
        }
        let figures = json!({
            "rated_dwellings": view.rated_dwellings,
            "open_notices": view.open_notices,
            "overall": view.overall.as_ref().map(|s| &s.satisfaction_rate),
            "measures": view.measures.iter().map(|m| json!({
                "key": m.key,
                "rated": m.rated,
                "satisfaction_rate": m.shares.as_ref().map(|s| &s.satisfaction_rate),
            })).collect::<Vec<_>>(),
        });
        let now = time::to_db(clock::now());
        let row = AcceptanceRow {
            id: clock::new_id(),
            project_id: proj.id.clone(),
            decision,
            reason,
            figures: figures.to_string(),
            decided_by: p.id().to_owned(),
            decided_at: now,
        };
        store::insert_acceptance(c, &row)?;
        if decision == Decision::Accepted
            && !projects::enter_phase(c, &proj.id, Phase::Acceptance, Phase::Done, p.id(), now, clock::new_id())?
        {
            return Err(Error::new(Code::ChangedConcurrently, "the project changed meanwhile: reload and retry"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "acceptance.decide",
                object_type: "project",
                object_id: &proj.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "decision": decision.as_str(), "figures": figures }),
            },
        )?;
        let proj = projects::get(c, &proj.id)?.ok_or_else(|| Error::internal("project vanished"))?;
        acceptance_view(c, &proj, None, true)
    })
}

/// The projects of district `id` by phase (in the order of the phases, then by community),
/// with their notices and satisfaction: the district's admins read them.
pub fn district_projects(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<DistrictProjectView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) || communities::district(c, id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(id)?;
        let rows = projects::in_district(c, id)?;
        let pids: Vec<String> = rows.iter().map(|(r, _)| r.id.clone()).collect();
        let ratings = store::ratings_of(c, &pids)?;
        let notices = store::notices_of(c, &pids)?;
        let now = time::to_db(clock::now());
        let mut out = Vec::with_capacity(rows.len());
        for (r, community_name) in rows {
            let mine: Vec<&RatingRow> = ratings.iter().filter(|x| x.project_id == r.id).collect();
            let open: Vec<_> = notices.iter().filter(|(pid, closed, _)| *pid == r.id && closed.is_none()).collect();
            out.push(DistrictProjectView {
                satisfaction: overall(&by_measure(&mine)),
                rated_dwellings: mine.iter().map(|x| &x.dwelling_id).collect::<HashSet<_>>().len() as i64,
                open_notices: open.len() as i64,
                overdue_notices: open.iter().filter(|(_, _, deadline)| now > *deadline).count() as i64,
                // Only the project's creation and each phase's entry write `updated_at`.
                phase_since: time::from_db(r.updated_at),
                phase: r.phase.as_str().into(),
                id: r.id,
                community_id: r.community_id,
                community_name,
                title: r.title,
            });
        }
        let order = |ph: &str| Phase::ALL.iter().position(|x| x.as_str() == ph);
        out.sort_by(|a, b| (order(&a.phase), &a.community_name).cmp(&(order(&b.phase), &b.community_name)));
        Ok(out)
    })
}

/// The caller, project `id` in acceptance, the dwelling they rate for and its community;
/// refused unless they are a verified resident there.
fn rater(
    c: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<(crate::Principal, ProjectRow, String, String), Error> {
    let p = principal(c, actor)?;
    let (proj, comm) = load(c, id)?;
    // One rating per dwelling: a resident of several dwellings rates for the first of them.
    let Some(home) = bindings::approved_in(c, p.id(), &comm.id)?.into_iter().map(|b| b.dwelling_id).min() else {
        return Err(Error::new(Code::NotAResident, "the works are rated by the community's verified residents"));
    };
    project::require(proj.phase, Phase::Acceptance).map_err(phase_problem)?;
    Ok((p, proj, home, comm.id))
}

/// The counts of each measure rated among `rows`.
fn by_measure(rows: &[&RatingRow]) -> HashMap<String, Counts> {
    let mut out: HashMap<String, Counts> = HashMap::new();
    for r in rows {
        out.entry(r.measure_id.clone()).or_default().add(r.level);
    }
    out
}

/// The shown measures summed: those at or above the threshold.
fn overall(counts: &HashMap<String, Counts>) -> Option<SharesView> {
    let mut sum = Counts::default();
    for c in counts.values().filter(|c| works::shares(c).is_some()) {
        sum.satisfied += c.satisfied;
        sum.basically_satisfied += c.basically_satisfied;
        sum.dissatisfied += c.dissatisfied;
    }
    works::shares(&sum).map(shares_view)
}

fn shares_view(s: works::Shares) -> SharesView {
    SharesView {
        satisfied: s.satisfied,
        basically_satisfied: s.basically_satisfied,
        dissatisfied: s.dissatisfied,
        satisfaction_rate: s.satisfaction_rate,
    }
}

/// The acceptance of `proj` as a reader of dwelling `home` sees it; held comments are shown
/// only when `sees_held`.
fn acceptance_view(
    c: &mut AnyConnection,
    proj: &ProjectRow,
    home: Option<&str>,
    sees_held: bool,
) -> Result<AcceptanceView, Error> {
    // Before the approval there is nothing to rate: no measures.
    let measures = approved_design_if_any(c, proj)?.map(|(_, m)| m).unwrap_or_default();
    let rows = store::ratings(c, &proj.id)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let hidden = held::hidden_among(c, "acceptance_rating", &ids)?;
    let refs: Vec<&RatingRow> = rows.iter().collect();
    let counts = by_measure(&refs);
    let view_of = |m: &MeasureRow| {
        let n = counts.get(&m.id).copied().unwrap_or_default();
        let shares = works::shares(&n);
        let shown = shares.is_some();
        MeasureSatisfaction {
            measure_id: m.id.clone(),
            key: m.key.clone(),
            title: m.title.clone(),
            rated: n.total(),
            satisfied: shown.then_some(n.satisfied),
            basically_satisfied: shown.then_some(n.basically_satisfied),
            dissatisfied: shown.then_some(n.dissatisfied),
            shares: shares.map(shares_view),
            comments: if shown {
                rows.iter()
                    .filter(|r| r.measure_id == m.id && (sees_held || !hidden.contains(&r.id)))
                    .filter_map(|r| r.comment.clone())
                    .collect()
            } else {
                Vec::new()
            },
        }
    };
    let measure_views: Vec<MeasureSatisfaction> = measures.iter().map(|(m, _)| view_of(m)).collect();
    let decisions = store::acceptances(c, &proj.id)?
        .into_iter()
        .map(|a| AcceptanceDecisionView {
            decision: a.decision.as_str().into(),
            reason: a.reason,
            decided_at: time::from_db(a.decided_at),
            figures: serde_json::from_str(&a.figures).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    Ok(AcceptanceView {
        project_id: proj.id.clone(),
        phase: proj.phase.as_str().into(),
        threshold: diandan_domain::rating::MIN_RATED_DWELLINGS as i64,
        rated_dwellings: rows.iter().map(|r| &r.dwelling_id).collect::<BTreeSet<_>>().len() as i64,
        overall: overall(&counts),
        measures: measure_views,
        open_notices: store::open_notices(c, &proj.id)?,
        mine: rows
            .iter()
            .filter(|r| Some(r.dwelling_id.as_str()) == home)
            .map(|r| MyRating {
                measure_id: r.measure_id.clone(),
                level: r.level.as_str().into(),
                comment: r.comment.clone(),
                rated_at: time::from_db(r.rated_at),
            })
            .collect(),
        decisions,
    })
}
