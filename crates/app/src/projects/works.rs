//! The works of an approved design (施工监督): the committee names the parties (建设单位,
//! 施工单位, 监理单位); quality supervisors' works reports and inspections become problem
//! notices with a responsible party, a deadline and the party's rectification plan, tracked in
//! the ledger (整改台账) until the committee or the quality department closes them (销号); a
//! stop-work notice holds its measure until lifted; the committee posts each measure's
//! milestones, and the last measure finished opens the acceptance.
//!
//! The quality department (质监) acts through the district's admin accounts: the street office
//! hosts its inspections of this programme, and every admin check already names the district.

use crate::consultations::views::require_manager;
use crate::principal::{principal, Principal};
use crate::projects::designs::phase_problem;
use crate::projects::views::{load, require_member};
use crate::uploads::{attach, views::attached, views::PhotoView};
use crate::{Actor, Code, Context, Error, FieldError};
use chrono::{DateTime, Utc};
use diandan_domain::project::{DesignState, Phase};
use diandan_domain::works::{self, LedgerState, Milestone, MilestoneRefused, NoticeKind, NoticeSource, Party};
use diandan_domain::{ids, limits, time};
use diandan_store::communities::CommunityRow;
use diandan_store::projects::{self, DesignRow, MeasureRow, ProjectRow};
use diandan_store::works::{self as store, MilestoneRow, NoticeRow, PartyRow};
use diandan_store::{audit, clock, complaints, users, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    /// The company's name (1–100 characters).
    pub name: String,
    /// The account of the party's contact, who reads the works and gives the rectification
    /// plans of the notices addressed to the party. Omitted: the committee records its plans.
    pub contact_user_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PartyView {
    /// builder | contractor | supervisor
    pub party: String,
    /// 建设单位, 施工单位 or 监理单位.
    pub label: String,
    pub name: String,
    pub contact_user_id: Option<String>,
    pub named_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWorksNotice {
    /// A measure of the approved design.
    pub measure_id: String,
    /// problem (整改通知单) | stop_work (停工通知: holds the measure until lifted)
    pub kind: String,
    /// builder | contractor | supervisor
    pub responsible: String,
    /// What is wrong (1–2000 characters).
    pub problem: String,
    /// The rectification deadline; in the future.
    pub deadline: DateTime<Utc>,
    /// The quality supervisor's works report (a `works_*` work order of the community) the
    /// notice comes from; omitted: an inspection.
    pub complaint_id: Option<String>,
    /// Photos of the problem, uploaded by the caller (at most 9).
    #[serde(default)]
    pub photos: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RectificationPlan {
    /// What the responsible party will do, and by when (1–2000 characters).
    pub plan: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseWorksNotice {
    /// What the closer checked (1–1000 characters).
    pub note: String,
    /// Photos after the rectification, uploaded by the caller: at least one for a problem
    /// notice, optional when a stop-work notice is lifted.
    #[serde(default)]
    pub photos: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorksNoticeView {
    pub id: String,
    pub measure_id: String,
    pub measure_key: String,
    pub measure_title: String,
    /// problem | stop_work
    pub kind: String,
    /// supervisor_report | inspection
    pub source: String,
    pub complaint_id: Option<String>,
    /// builder | contractor | supervisor
    pub responsible: String,
    /// The party's name when the committee named it, else its label (施工单位).
    pub responsible_name: String,
    pub problem: String,
    pub deadline: DateTime<Utc>,
    /// open | rectifying | overdue | closed (a stop-work notice: closed once lifted)
    pub state: String,
    pub issued_at: DateTime<Utc>,
    pub plan: Option<String>,
    pub plan_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub close_note: Option<String>,
    pub photos: Vec<PhotoView>,
    /// The photos taken when it was closed.
    pub after_photos: Vec<PhotoView>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestone {
    /// A measure of the approved design.
    pub measure_id: String,
    /// started | half | finished, in this order.
    pub milestone: String,
    /// 0–500 characters.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneView {
    /// started | half | finished
    pub milestone: String,
    pub note: String,
    pub posted_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureProgress {
    pub measure_id: String,
    pub key: String,
    pub title: String,
    /// The last milestone posted (None: not started).
    pub reached: Option<String>,
    pub milestones: Vec<MilestoneView>,
    /// A stop-work notice holds the measure.
    pub stopped: bool,
}

#[derive(Debug, Serialize, ToSchema, PartialEq, Eq)]
pub struct LedgerView {
    pub open: i64,
    pub rectifying: i64,
    pub overdue: i64,
    pub closed: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorksView {
    pub project_id: String,
    /// The project's phase (the works are shown from `works` on).
    pub phase: String,
    /// The approved design version the works carry out (None before the approval: no
    /// measures, no notices yet).
    pub design_id: Option<String>,
    pub design_version: Option<i32>,
    pub parties: Vec<PartyView>,
    pub measures: Vec<MeasureProgress>,
    /// Every notice, oldest first.
    pub notices: Vec<WorksNoticeView>,
    /// The rectification ledger's counts (整改台账).
    pub ledger: LedgerView,
}

/// The approved design of project `proj` and its measures; refused before the approval.
pub fn approved_design(
    c: &mut AnyConnection,
    proj: &ProjectRow,
) -> Result<(DesignRow, Vec<(MeasureRow, Vec<String>)>), Error> {
    approved_design_if_any(c, proj)?
        .ok_or_else(|| Error::new(Code::WrongPhase, "the project has no approved design yet"))
}

/// The approved design of project `proj` and its measures, once there is one.
pub fn approved_design_if_any(
    c: &mut AnyConnection,
    proj: &ProjectRow,
) -> Result<Option<(DesignRow, Vec<(MeasureRow, Vec<String>)>)>, Error> {
    let Some(d) = projects::designs(c, &proj.id)?.into_iter().find(|d| d.state == DesignState::Approved) else {
        return Ok(None);
    };
    let measures = projects::measures(c, &d.id)?;
    Ok(Some((d, measures)))
}

/// Steps of the works happen in the works phase, and during the acceptance (a notice from the
/// residents' dissatisfaction, its plan, its closing).
fn require_works(proj: &ProjectRow) -> Result<(), Error> {
    match proj.phase {
        Phase::Works | Phase::Acceptance => Ok(()),
        now => Err(phase_problem(diandan_domain::project::WrongPhase { now, needs: Phase::Works })),
    }
}

/// The parties of project `proj` whose contact is `p`.
fn parties_of(c: &mut AnyConnection, p: &Principal, proj: &ProjectRow) -> Result<Vec<Party>, Error> {
    Ok(store::parties(c, &proj.id)?
        .into_iter()
        .filter(|r| r.contact_user_id.as_deref() == Some(p.id()))
        .map(|r| r.party)
        .collect())
}

/// Names `party` of project `id` (committee and admin), replacing an earlier naming.
pub fn name_party(ctx: &Context, actor: &Actor, id: &str, party: &str, b: PartyInput) -> Result<PartyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        let party = Party::parse(party).ok_or_else(|| Error::not_found("party"))?;
        let mut errors = Vec::new();
        let name = limits::NAME.check(&b.name).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        if let Some(u) = &b.contact_user_id {
            if !ids::is_uuid(u) || users::get(c, u)?.is_none() {
                errors.push(FieldError::new("contact_user_id", "is not an account"));
            }
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let row = PartyRow {
            project_id: proj.id.clone(),
            party,
            name,
            contact_user_id: b.contact_user_id.clone(),
            named_by: p.id().to_owned(),
            named_at: time::to_db(clock::now()),
        };
        let earlier = store::name_party(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "works.party",
                object_type: "project",
                object_id: &proj.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "party": party.as_str(),
                    "name": row.name,
                    "contact_user_id": row.contact_user_id,
                    "replaced": earlier.map(|e| e.name),
                }),
            },
        )?;
        Ok(party_view(row))
    })
}

/// The works of project `id`: members of the community and the parties' contacts read them.
pub fn get_works(ctx: &Context, actor: &Actor, id: &str) -> Result<WorksView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        if parties_of(c, &p, &proj)?.is_empty() {
            require_member(c, &p, &comm)?;
        }
        works_view(ctx, c, &p, &proj)
    })
}

/// Issues notice `b` on project `id`: the committee (from a supervisor's report or its own
/// inspection) and the district's admin (the quality department's inspection).
pub fn issue_notice(ctx: &Context, actor: &Actor, id: &str, b: NewWorksNotice) -> Result<WorksNoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        require_works(&proj)?;
        let (_, measures) = approved_design(c, &proj)?;
        let now = clock::now();
        let mut errors = attach::check(c, p.id(), &b.photos)?;
        if !measures.iter().any(|(m, _)| m.id == b.measure_id) {
            errors.push(FieldError::new("measure_id", "is not a measure of the approved design"));
        }
        let kind = NoticeKind::parse(&b.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", format!("must be one of {}", NoticeKind::names())));
        }
        let responsible = Party::parse(&b.responsible);
        if responsible.is_none() {
            errors.push(FieldError::new("responsible", format!("must be one of {}", Party::names())));
        }
        let problem = limits::WORKS_PROBLEM.check(&b.problem).unwrap_or_else(|m| {
            errors.push(FieldError::new("problem", m));
            String::new()
        });
        if b.deadline <= now {
            errors.push(FieldError::new("deadline", "must be in the future"));
        }
        if let Some(cid) = &b.complaint_id {
            let report = ids::is_uuid(cid).then(|| complaints::get(c, cid)).transpose()?.flatten();
            if !report.is_some_and(|r| r.community_id == comm.id && r.category.is_works()) {
                errors.push(FieldError::new("complaint_id", "is not a works report of this community"));
            }
        }
        let (Some(kind), Some(responsible), true) = (kind, responsible, errors.is_empty()) else {
            return Err(Error::validation(errors));
        };
        let row = NoticeRow {
            id: clock::new_id(),
            project_id: proj.id.clone(),
            measure_id: b.measure_id.clone(),
            kind,
            source: if b.complaint_id.is_some() { NoticeSource::SupervisorReport } else { NoticeSource::Inspection },
            complaint_id: b.complaint_id.clone(),
            responsible,
            problem,
            deadline: time::to_db(b.deadline),
            issued_by: p.id().to_owned(),
            issued_at: time::to_db(now),
            plan: None,
            plan_by: None,
            plan_at: None,
            closed_by: None,
            closed_at: None,
            close_note: None,
        };
        store::insert_notice(c, &row)?;
        attach::attach(c, p.id(), ("works_notice", &row.id, &comm.id), &b.photos)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "works_notice.issue",
                object_type: "works_notice",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "project_id": proj.id,
                    "measure_id": row.measure_id,
                    "kind": kind.as_str(),
                    "source": row.source.as_str(),
                    "complaint_id": row.complaint_id,
                    "responsible": responsible.as_str(),
                    "deadline": time::canonical(b.deadline),
                    "photos": b.photos,
                }),
            },
        )?;
        notice_view(ctx, c, &p, &proj, row)
    })
}

/// Records the rectification plan of notice `id`: the responsible party's contact, or the
/// committee writing down a plan handed in on paper.
pub fn submit_plan(ctx: &Context, actor: &Actor, id: &str, b: RectificationPlan) -> Result<WorksNoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (n, proj, comm) = load_notice(c, id)?;
        let manager = require_manager(&p, &comm).is_ok();
        if !manager && !parties_of(c, &p, &proj)?.contains(&n.responsible) {
            return Err(Error::new(
                Code::Forbidden,
                "the plan comes from the responsible party (or the committee records it)",
            ));
        }
        let plan = limits::RECTIFICATION_PLAN.check(&b.plan).map_err(|m| Error::invalid("plan", m))?;
        if !store::set_plan(c, &n.id, &plan, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::WorksNoticeClosed, "the notice is closed"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "works_notice.plan",
                object_type: "works_notice",
                object_id: &n.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "project_id": proj.id, "replaced": n.plan.is_some() }),
            },
        )?;
        let row = store::notice(c, &n.id)?.ok_or_else(|| Error::internal("notice vanished"))?;
        notice_view(ctx, c, &p, &proj, row)
    })
}

/// Closes notice `id` (销号), or lifts a stop-work notice: the committee or the quality
/// department, with a note and the photos after rectification. A party of the works, the
/// construction company above all, never closes its own notices.
pub fn close_notice(ctx: &Context, actor: &Actor, id: &str, b: CloseWorksNotice) -> Result<WorksNoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (n, proj, comm) = load_notice(c, id)?;
        if require_manager(&p, &comm).is_err() {
            if !parties_of(c, &p, &proj)?.is_empty() {
                return Err(Error::new(
                    Code::NotACloser,
                    "a party of the works reports its rectification in the plan; the committee or the quality department closes the notice",
                ));
            }
            require_manager(&p, &comm)?;
        }
        if n.closed_at.is_some() {
            return Err(Error::new(Code::WorksNoticeClosed, "the notice is closed"));
        }
        let mut errors = attach::check(c, p.id(), &b.photos)?;
        let note = limits::CLOSE_NOTE.check(&b.note).unwrap_or_else(|m| {
            errors.push(FieldError::new("note", m));
            String::new()
        });
        if n.kind == NoticeKind::Problem && b.photos.is_empty() {
            errors.push(FieldError::new("photos", "a problem notice is closed with at least one photo after rectification"));
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        if !store::close(c, &n.id, &note, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::WorksNoticeClosed, "the notice was closed meanwhile"));
        }
        attach::attach(c, p.id(), ("works_notice_close", &n.id, &comm.id), &b.photos)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "works_notice.close",
                object_type: "works_notice",
                object_id: &n.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "project_id": proj.id, "kind": n.kind.as_str(), "photos": b.photos }),
            },
        )?;
        let row = store::notice(c, &n.id)?.ok_or_else(|| Error::internal("notice vanished"))?;
        notice_view(ctx, c, &p, &proj, row)
    })
}

/// Posts milestone `b` of a measure of project `id` (committee and admin); the last measure
/// finished moves the project to its acceptance.
pub fn post_milestone(ctx: &Context, actor: &Actor, id: &str, b: NewMilestone) -> Result<WorksView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        diandan_domain::project::require(proj.phase, Phase::Works).map_err(phase_problem)?;
        let (_, measures) = approved_design(c, &proj)?;
        let mut errors = Vec::new();
        if !measures.iter().any(|(m, _)| m.id == b.measure_id) {
            errors.push(FieldError::new("measure_id", "is not a measure of the approved design"));
        }
        let milestone = Milestone::parse(&b.milestone);
        if milestone.is_none() {
            errors.push(FieldError::new("milestone", format!("must be one of {}", Milestone::names())));
        }
        let note = limits::MILESTONE_NOTE.check(&b.note).unwrap_or_else(|m| {
            errors.push(FieldError::new("note", m));
            String::new()
        });
        let (Some(milestone), true) = (milestone, errors.is_empty()) else {
            return Err(Error::validation(errors));
        };
        let posted = store::milestones(c, &proj.id)?;
        let reached = |measure: &str| posted.iter().filter(|r| r.measure_id == measure).map(|r| r.milestone).max();
        works::may_post(reached(&b.measure_id), milestone, store::stopped(c, &b.measure_id)?).map_err(|e| match e {
            MilestoneRefused::Stopped => Error::new(Code::WorksStopped, e.to_string()),
            MilestoneRefused::OutOfOrder { .. } => Error::new(Code::MilestoneOutOfOrder, e.to_string()),
        })?;
        let now = time::to_db(clock::now());
        let row = MilestoneRow {
            measure_id: b.measure_id.clone(),
            milestone,
            project_id: proj.id.clone(),
            note,
            posted_by: p.id().to_owned(),
            posted_at: now,
        };
        store::insert_milestone(c, &row)?;
        let all_finished = measures.iter().all(|(m, _)| {
            m.id == b.measure_id && milestone == Milestone::Finished || reached(&m.id) == Some(Milestone::Finished)
        });
        if all_finished
            && !projects::enter_phase(c, &proj.id, Phase::Works, Phase::Acceptance, p.id(), now, clock::new_id())?
        {
            return Err(Error::new(Code::ChangedConcurrently, "the project changed meanwhile: reload and retry"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "works.milestone",
                object_type: "project",
                object_id: &proj.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "measure_id": row.measure_id,
                    "milestone": milestone.as_str(),
                    "phase": if all_finished { Phase::Acceptance.as_str() } else { Phase::Works.as_str() },
                }),
            },
        )?;
        let proj = projects::get(c, &proj.id)?.ok_or_else(|| Error::internal("project vanished"))?;
        works_view(ctx, c, &p, &proj)
    })
}

/// Notice `id`, its project and community, or 404.
fn load_notice(c: &mut AnyConnection, id: &str) -> Result<(NoticeRow, ProjectRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("notice"));
    }
    let n = store::notice(c, id)?.ok_or_else(|| Error::not_found("notice"))?;
    let (proj, comm) = load(c, &n.project_id)?;
    Ok((n, proj, comm))
}

fn party_view(r: PartyRow) -> PartyView {
    PartyView {
        party: r.party.as_str().into(),
        label: r.party.label().into(),
        name: r.name,
        contact_user_id: r.contact_user_id,
        named_at: time::from_db(r.named_at),
    }
}

/// The works of `proj` as `p` reads them.
fn works_view(ctx: &Context, c: &mut AnyConnection, p: &Principal, proj: &ProjectRow) -> Result<WorksView, Error> {
    let (design, measures) = match approved_design_if_any(c, proj)? {
        Some((d, m)) => (Some(d), m),
        None => (None, Vec::new()),
    };
    let parties = store::parties(c, &proj.id)?;
    let posted = store::milestones(c, &proj.id)?;
    let rows = store::notices(c, &proj.id)?;
    let now = time::to_db(clock::now());
    let states: Vec<LedgerState> = rows.iter().map(|n| state_of(n, now)).collect();
    let [open, rectifying, overdue, closed] = works::ledger(&states);
    let stopped: Vec<String> = rows
        .iter()
        .filter(|n| n.kind == NoticeKind::StopWork && n.closed_at.is_none())
        .map(|n| n.measure_id.clone())
        .collect();
    let notices = notice_views(ctx, c, p, &measures, &parties, rows)?;
    let progress = measures
        .iter()
        .map(|(m, _)| {
            let mine: Vec<&MilestoneRow> = posted.iter().filter(|r| r.measure_id == m.id).collect();
            MeasureProgress {
                measure_id: m.id.clone(),
                key: m.key.clone(),
                title: m.title.clone(),
                reached: mine.iter().map(|r| r.milestone).max().map(|x| x.as_str().into()),
                milestones: mine
                    .iter()
                    .map(|r| MilestoneView {
                        milestone: r.milestone.as_str().into(),
                        note: r.note.clone(),
                        posted_at: time::from_db(r.posted_at),
                    })
                    .collect(),
                stopped: stopped.contains(&m.id),
            }
        })
        .collect();
    Ok(WorksView {
        project_id: proj.id.clone(),
        phase: proj.phase.as_str().into(),
        design_version: design.as_ref().map(|d| d.version),
        design_id: design.map(|d| d.id),
        parties: parties.into_iter().map(party_view).collect(),
        measures: progress,
        notices,
        ledger: LedgerView { open, rectifying, overdue, closed },
    })
}

fn state_of(n: &NoticeRow, now: chrono::NaiveDateTime) -> LedgerState {
    works::ledger_state(now, n.deadline, n.plan.is_some(), n.closed_at.is_some())
}

fn notice_view(
    ctx: &Context,
    c: &mut AnyConnection,
    p: &Principal,
    proj: &ProjectRow,
    row: NoticeRow,
) -> Result<WorksNoticeView, Error> {
    let (_, measures) = approved_design(c, proj)?;
    let parties = store::parties(c, &proj.id)?;
    Ok(notice_views(ctx, c, p, &measures, &parties, vec![row])?.remove(0))
}

fn notice_views(
    ctx: &Context,
    c: &mut AnyConnection,
    p: &Principal,
    measures: &[(MeasureRow, Vec<String>)],
    parties: &[PartyRow],
    rows: Vec<NoticeRow>,
) -> Result<Vec<WorksNoticeView>, Error> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut before = attached(c, &ctx.photos, "works_notice", &ids, p.id())?;
    let mut after = attached(c, &ctx.photos, "works_notice_close", &ids, p.id())?;
    let now = time::to_db(clock::now());
    Ok(rows
        .into_iter()
        .map(|r| {
            let m = measures.iter().find(|(m, _)| m.id == r.measure_id).map(|(m, _)| m);
            let name = parties.iter().find(|x| x.party == r.responsible).map(|x| x.name.clone());
            WorksNoticeView {
                state: state_of(&r, now).as_str().into(),
                measure_key: m.map_or(String::new(), |m| m.key.clone()),
                measure_title: m.map_or(String::new(), |m| m.title.clone()),
                kind: r.kind.as_str().into(),
                source: r.source.as_str().into(),
                responsible: r.responsible.as_str().into(),
                responsible_name: name.unwrap_or_else(|| r.responsible.label().into()),
                deadline: time::from_db(r.deadline),
                issued_at: time::from_db(r.issued_at),
                plan_at: r.plan_at.map(time::from_db),
                closed_at: r.closed_at.map(time::from_db),
                photos: before.remove(&r.id).unwrap_or_default(),
                after_photos: after.remove(&r.id).unwrap_or_default(),
                id: r.id,
                measure_id: r.measure_id,
                complaint_id: r.complaint_id,
                problem: r.problem,
                plan: r.plan,
                close_note: r.close_note,
            }
        })
        .collect())
}
