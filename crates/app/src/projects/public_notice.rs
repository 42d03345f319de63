//! The public notice (公示) of an accepted design: it is posted on the community's notice board
//! when the committee accepts the review, every resident of the community may object to a
//! measure while it runs, the committee answers each objection, and approves the design once
//! the period is over and every objection has its answer (then the works follow).

use crate::consultations::views::require_manager;
use crate::moderation::screen::{record, screen, shown, Subject};
use crate::principal::principal;
use crate::projects::designs::phase_problem;
use crate::projects::views::{is_planner, load_design, require_member};
use crate::{Actor, Code, Context, Error, FieldError};
use chrono::{DateTime, Utc};
use diandan_auth::wechat_security::Scene;
use diandan_domain::project::{self, DesignState, NotApprovable, Phase};
use diandan_domain::roles::Role;
use diandan_domain::{ids, limits, share, time};
use diandan_store::design_notices::{self as store, DesignNoticeRow, DesignObjectionRow};
use diandan_store::notices::{self, NoticeRow};
use diandan_store::projects::{self as projects, DesignRow, ProjectRow};
use diandan_store::{audit, bindings, clock, held, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicNoticeView {
    /// The notice-board post residents read.
    pub notice_id: String,
    pub opens_at: DateTime<Utc>,
    /// Objections are taken until then; the design can be approved from then on.
    pub closes_at: DateTime<Utc>,
    /// Objections filed, and those still without an answer.
    pub objections: i64,
    pub unanswered: i64,
    pub approved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDesignObjection {
    /// The measure of the design on notice the objection is about.
    pub measure_id: String,
    /// 1–1000 characters.
    pub text: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DesignObjectionView {
    pub id: String,
    pub design_id: String,
    pub measure_id: String,
    pub measure_key: String,
    pub measure_title: String,
    /// Shown as a placeholder to others while WeChat's content check holds it.
    pub text: String,
    pub created_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DesignObjectionAnswer {
    /// 1–1000 characters, shown to the resident who objected.
    pub answer: String,
}

/// The notice of design `d` as its readers see it, once it was posted.
pub fn notice_view(c: &mut AnyConnection, design_id: &str) -> Result<Option<PublicNoticeView>, Error> {
    let Some(n) = store::notice(c, design_id)? else { return Ok(None) };
    let (objections, unanswered) = store::counts(c, design_id)?;
    Ok(Some(PublicNoticeView {
        notice_id: n.notice_id,
        opens_at: time::from_db(n.opens_at),
        closes_at: time::from_db(n.closes_at),
        objections,
        unanswered,
        approved_at: n.approved_at.map(time::from_db),
    }))
}

/// Posts the notice of accepted design `d` for `days` days, in the review's transaction: the
/// notice-board post (pinned, visible until the period ends) and the period itself.
pub fn post(
    c: &mut AnyConnection,
    proj: &ProjectRow,
    d: &DesignRow,
    days: i64,
    now: DateTime<Utc>,
) -> Result<DesignNoticeRow, Error> {
    let closes = now + chrono::Duration::days(days);
    let measures = projects::measures(c, &d.id)?;
    let mut body =
        format!("本小区改造项目“{}”的概念设计方案（第 {} 版）经居民代表评审通过，现予公示：\n", proj.title, d.version);
    for (n, (m, _)) in measures.iter().enumerate() {
        body.push_str(&format!("{}. {}", n + 1, m.title));
        if let Some(cost) = m.estimated_cost_cents {
            body.push_str(&format!("（估算 {} 元", share::hundredths(cost)));
            match m.resident_share_bp {
                Some(bp) => body.push_str(&format!("，居民分担 {}%）", share::hundredths(i64::from(bp)))),
                None => body.push('）'),
            }
        }
        body.push('\n');
    }
    body.push_str(&format!(
        "公示期：{} 至 {}。对某项措施有异议的居民，请在公示期内通过小程序对该措施提出，委员会将逐条答复。",
        time::china_minute(now),
        time::china_minute(closes)
    ));
    let notice = NoticeRow {
        id: clock::new_id(),
        community_id: proj.community_id.clone(),
        title: format!("设计方案公示：{}", proj.title).chars().take(100).collect(),
        body: body.chars().take(5000).collect(),
        pinned: true,
        visible_from: time::to_db(now),
        visible_until: Some(time::to_db(closes)),
        source: "design_notice".into(),
        consultation_id: Some(proj.consultation_id.clone()),
        author_id: None,
        created_at: time::to_db(now),
        updated_at: time::to_db(now),
        withdrawn_at: None,
        withdrawn_reason: None,
    };
    notices::insert(c, &notice)?;
    let row = DesignNoticeRow {
        design_id: d.id.clone(),
        notice_id: notice.id,
        opens_at: time::to_db(now),
        closes_at: time::to_db(closes),
        approved_by: None,
        approved_at: None,
    };
    store::insert_notice(c, &row)?;
    Ok(row)
}

/// Files objection `b` to design `id` as the caller, a resident of the community.
pub fn file_objection(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    b: NewDesignObjection,
) -> Result<DesignObjectionView, Error> {
    // Who may object, and whether the notice runs, is checked before WeChat is asked, and
    // again in the transaction.
    ctx.db.read(|c| objector(c, actor, id).map(|_| ()))?;
    let screened = screen(ctx, &actor.user_id, Scene::Forum, &[("text", Some(b.text.as_str()))])?;
    ctx.db.write(|c| {
        let (p, d, dwelling_id, community_id) = objector(c, actor, id)?;
        let measures = projects::measures(c, &d.id)?;
        let mut errors = Vec::new();
        if !measures.iter().any(|(m, _)| m.id == b.measure_id) {
            errors.push(FieldError::new("measure_id", "is not a measure of the design on notice"));
        }
        let text = limits::OBJECTION.check(&b.text).unwrap_or_else(|m| {
            errors.push(FieldError::new("text", m));
            String::new()
        });
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let row = DesignObjectionRow {
            id: clock::new_id(),
            design_id: d.id.clone(),
            measure_id: b.measure_id.clone(),
            user_id: p.id().to_owned(),
            dwelling_id,
            text,
            created_at: time::to_db(clock::now()),
            answer: None,
            answered_by: None,
            answered_at: None,
        };
        store::insert_objection(c, &row)?;
        let subject = Subject {
            kind: "design_objection",
            id: &row.id,
            community_id: Some(&community_id),
            parent_id: Some(&d.id),
            author_id: p.id(),
            text: &row.text,
        };
        record(c, &screened, subject)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "design_objection.file",
                object_type: "design_objection",
                object_id: &row.id,
                community_id: Some(&community_id),
                district_id: None,
                detail: json!({ "design_id": d.id, "measure_id": row.measure_id, "dwelling_id": row.dwelling_id }),
            },
        )?;
        views(c, vec![row], p.id(), false).map(|mut v| v.remove(0))
    })
}

/// The objections to design `id` the caller may read: every one for the committee, the
/// district's admin and the designers; a resident's own otherwise.
pub fn list_objections(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<DesignObjectionView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (d, _, comm) = load_design(c, id)?;
        require_member(c, &p, &comm)?;
        let planner = is_planner(&p, &comm);
        let mine = (!planner).then(|| p.id().to_owned());
        let rows = store::objections(c, &d.id, mine.as_deref())?;
        let sees_held = p.has(&[Role::Admin, Role::Committee], &comm);
        views(c, rows, p.id(), sees_held)
    })
}

/// Answers objection `id` with `a` as the committee; once.
pub fn answer_objection(
    ctx: &Context,
    actor: &Actor,
    id: &str,
    a: DesignObjectionAnswer,
) -> Result<DesignObjectionView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) {
            return Err(Error::not_found("objection"));
        }
        let o = store::objection(c, id)?.ok_or_else(|| Error::not_found("objection"))?;
        let (_, _, comm) = load_design(c, &o.design_id)?;
        require_manager(&p, &comm)?;
        let text = limits::OBJECTION.check(&a.answer).map_err(|m| Error::invalid("answer", m))?;
        if !store::answer(c, &o.id, &text, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::AlreadyAnswered, "this objection has an answer"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "design_objection.answer",
                object_type: "design_objection",
                object_id: &o.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "design_id": o.design_id }),
            },
        )?;
        let row = store::objection(c, &o.id)?.ok_or_else(|| Error::internal("objection vanished"))?;
        views(c, vec![row], p.id(), true).map(|mut v| v.remove(0))
    })
}

/// Approves design `id` as the committee once its notice is over and every objection is
/// answered; the project moves on to the works.
pub fn approve_design(ctx: &Context, actor: &Actor, id: &str) -> Result<PublicNoticeView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (d, proj, comm) = load_design(c, id)?;
        require_manager(&p, &comm)?;
        project::require(proj.phase, Phase::PublicNotice).map_err(phase_problem)?;
        let notice = match store::notice(c, &d.id)? {
            Some(n) if d.state == DesignState::Accepted => n,
            _ => {
                return Err(Error::new(
                    Code::WrongState,
                    format!("this version is {}, not on notice", d.state.as_str()),
                ))
            }
        };
        let now = clock::now();
        let (_, unanswered) = store::counts(c, &d.id)?;
        project::approvable(time::to_db(now), notice.closes_at, unanswered).map_err(|e| match e {
            NotApprovable::NoticeRunning(_) => Error::new(Code::NoticeRunning, e.to_string()),
            NotApprovable::Unanswered(_) => Error::new(Code::ObjectionsUnanswered, e.to_string()),
        })?;
        let at = time::to_db(now);
        if !store::approve(c, &d.id, p.id(), at)?
            || !projects::set_design_state(c, &d.id, DesignState::Accepted, DesignState::Approved)?
            || !projects::enter_phase(c, &proj.id, Phase::PublicNotice, Phase::Works, p.id(), at, clock::new_id())?
        {
            return Err(Error::new(Code::ChangedConcurrently, "the project changed meanwhile: reload and retry"));
        }
        let (objections, _) = store::counts(c, &d.id)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "design.approve",
                object_type: "design",
                object_id: &d.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "version": d.version, "objections": objections, "phase": Phase::Works.as_str() }),
            },
        )?;
        notice_view(c, &d.id)?.ok_or_else(|| Error::internal("notice vanished"))
    })
}

/// The caller, design `id` on notice, the dwelling they object from and its community;
/// refused unless they are a verified resident there and the notice runs now.
fn objector(
    c: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> Result<(crate::Principal, DesignRow, String, String), Error> {
    let p = principal(c, actor)?;
    let (d, _, comm) = load_design(c, id)?;
    let homes = bindings::approved_in(c, p.id(), &comm.id)?;
    let Some(home) = homes.iter().map(|b| b.dwelling_id.clone()).min() else {
        return Err(Error::new(Code::NotAResident, "objections come from the community's verified residents"));
    };
    let now = time::to_db(clock::now());
    let open = d.state == DesignState::Accepted
        && store::notice(c, &d.id)?.is_some_and(|n| n.opens_at <= now && now < n.closes_at);
    if !open {
        return Err(Error::new(Code::DesignNoticeClosed, "objections are taken while the design is on public notice"));
    }
    Ok((p, d, home, comm.id))
}

/// `rows` as `viewer` reads them, with their measures named; held texts read as the
/// placeholder unless `sees_held` or the viewer wrote them.
fn views(
    c: &mut AnyConnection,
    rows: Vec<DesignObjectionRow>,
    viewer: &str,
    sees_held: bool,
) -> Result<Vec<DesignObjectionView>, Error> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let hidden = held::hidden_among(c, "design_objection", &ids)?;
    let mut measures = std::collections::HashMap::new();
    for r in &rows {
        if !measures.contains_key(&r.design_id) {
            measures.insert(r.design_id.clone(), projects::measures(c, &r.design_id)?);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let m = measures[&r.design_id].iter().find(|(m, _)| m.id == r.measure_id).map(|(m, _)| m);
            let own = r.user_id == viewer;
            DesignObjectionView {
                text: shown(r.text, hidden.contains(&r.id), sees_held || own),
                measure_key: m.map_or(String::new(), |m| m.key.clone()),
                measure_title: m.map_or(String::new(), |m| m.title.clone()),
                id: r.id,
                design_id: r.design_id,
                measure_id: r.measure_id,
                created_at: time::from_db(r.created_at),
                answer: r.answer,
                answered_at: r.answered_at.map(time::from_db),
            }
        })
        .collect())
}
