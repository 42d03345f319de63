//! The designer submits a version of the concept design (概念设计方案); readers list the
//! versions and read one with its coverage of the approved demand items and what changed from
//! the version before, measure by measure. A version is never changed: a new one is submitted.

use crate::consultations::items::hundredths;
use crate::principal::principal;
use crate::projects::views::*;
use crate::uploads::{attach, views::attached};
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_domain::project::{self, DesignState, Measure, Phase};
use diandan_domain::roles::Role;
use diandan_domain::{limits, share, time};
use diandan_store::consultations::{self, ItemRow};
use diandan_store::projects::{self as store, DesignRow, MeasureRow};
use diandan_store::{audit, clock, roster, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use std::collections::{BTreeSet, HashMap, HashSet};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeasure {
    /// The measure's stable name, the same in every version (1–20 letters, digits, `.`, `_`, `-`).
    pub key: String,
    /// 1–100 characters.
    pub title: String,
    /// Up to 2000 characters.
    #[serde(default)]
    pub description: String,
    /// Yuan, at most two decimals.
    pub estimated_cost: Option<String>,
    /// The residents' share of the cost, 0–100 with at most two decimals.
    pub resident_share_percent: Option<String>,
    /// Buildings of the community it concerns.
    #[serde(default)]
    pub buildings: Vec<String>,
    /// Units of the community it concerns (both lists empty: the whole community).
    #[serde(default)]
    pub units: Vec<String>,
    /// Items of the project's consultation it answers.
    #[serde(default)]
    pub items: Vec<String>,
    /// Why it answers no approved item; required then (1–500 characters).
    pub unlinked_reason: Option<String>,
    /// Up to 10 references to documents kept elsewhere (1–200 characters each).
    #[serde(default)]
    pub refs: Vec<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDesign {
    /// What this version is and what it changes, up to 2000 characters.
    #[serde(default)]
    pub note: String,
    /// 1–100 measures, in the order they are shown.
    pub measures: Vec<NewMeasure>,
    /// Up to 9 drawings or pictures, by the ids `POST /api/v1/uploads` answered.
    #[serde(default)]
    pub attachments: Vec<String>,
}

/// Submits design version `b` of project `id` as a designer of its community.
pub fn submit_design(ctx: &Context, actor: &Actor, id: &str, b: NewDesign) -> Result<DesignView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        p.require(&[Role::Designer], &comm)?;
        project::require(proj.phase, Phase::Design).map_err(phase_problem)?;
        let items = consultations::items(c, &proj.consultation_id)?;
        let mut errors = attach::check(c, p.id(), &b.attachments)?;
        for e in &mut errors {
            e.field = e.field.replace("photos", "attachments");
        }
        let note = limits::DESIGN_NOTE.check(&b.note).unwrap_or_else(|m| {
            errors.push(FieldError::new("note", m));
            String::new()
        });
        let (measures, links, foreign) = check_measures(c, &comm.id, &items, &b.measures, &mut errors)?;
        if !foreign.is_empty() {
            let mut e =
                Error::new(Code::MeasureItemForeign, "a measure may answer only items of the project's consultation");
            e.errors = foreign;
            return Err(e);
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let earlier = store::designs(c, &proj.id)?;
        let version = earlier.first().map_or(1, |d| d.version + 1);
        let design_id = clock::new_id();
        let design = DesignRow {
            id: design_id.clone(),
            project_id: proj.id.clone(),
            version,
            note,
            state: DesignState::Submitted,
            submitted_by: p.id().to_owned(),
            submitted_at: time::to_db(clock::now()),
        };
        // The version waiting for a review gives way to this one.
        if let Some(prev) = earlier.first().filter(|d| d.state == DesignState::Submitted) {
            store::set_design_state(c, &prev.id, DesignState::Submitted, DesignState::Superseded)?;
        }
        let measures: Vec<MeasureRow> = measures
            .into_iter()
            .map(|mut m| {
                m.design_id = design_id.clone();
                m
            })
            .collect();
        store::insert_design(c, &design, &measures, &links)?;
        attach::attach(c, p.id(), ("design", &design.id, &comm.id), &b.attachments)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "design.submit",
                object_type: "design",
                object_id: &design.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "project_id": proj.id,
                    "version": version,
                    "measures": measures.iter().map(|m| &m.key).collect::<Vec<_>>(),
                    "attachments": b.attachments,
                }),
            },
        )?;
        design_view(c, ctx, &p, design)
    })
}

/// The checked measures (their `design_id` still to be set), the (measure, item) links, and the
/// field errors of items that are not the consultation's.
fn check_measures(
    c: &mut AnyConnection,
    community_id: &str,
    items: &[ItemRow],
    given: &[NewMeasure],
    errors: &mut Vec<FieldError>,
) -> Result<(Vec<MeasureRow>, Vec<(String, String)>, Vec<FieldError>), Error> {
    if given.is_empty() || given.len() > limits::MEASURES_MAX {
        errors.push(FieldError::new("measures", format!("must hold 1–{} measures", limits::MEASURES_MAX)));
        return Ok((vec![], vec![], vec![]));
    }
    let (buildings, units) = roster::names(c, community_id)?;
    let buildings: HashSet<&str> = buildings.iter().map(|b| b.id.as_str()).collect();
    let units: HashSet<&str> = units.iter().map(|u| u.id.as_str()).collect();
    let by_id: HashMap<&str, &ItemRow> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    let (mut rows, mut links, mut foreign, mut keys) = (vec![], vec![], vec![], HashSet::new());
    for (n, m) in given.iter().enumerate() {
        let f = |name: &str| format!("measures[{n}].{name}");
        let mut text = |t: limits::Text, v: &str, name: &str| {
            t.check(v).unwrap_or_else(|e| {
                errors.push(FieldError::new(&f(name), e));
                String::new()
            })
        };
        let title = text(limits::MEASURE_TITLE, &m.title, "title");
        let description = text(limits::MEASURE_DESCRIPTION, &m.description, "description");
        if !project::valid_key(&m.key) {
            errors.push(FieldError::new(&f("key"), "must be 1–20 letters, digits, `.`, `_` or `-`"));
        } else if !keys.insert(m.key.as_str()) {
            errors.push(FieldError::new(&f("key"), "is used by another measure of this version"));
        }
        let cost = m.estimated_cost.as_deref().map(|t| hundredths(t, limits::MONEY_MAX_HUNDREDTHS - 1));
        if cost == Some(None) {
            errors.push(FieldError::new(&f("estimated_cost"), "must be yuan with at most two decimals"));
        }
        let share = m.resident_share_percent.as_deref().map(|t| hundredths(t, 10_000));
        if share == Some(None) {
            errors.push(FieldError::new(&f("resident_share_percent"), "must be 0–100 with at most two decimals"));
        }
        for (list, known, name) in [(&m.buildings, &buildings, "buildings"), (&m.units, &units, "units")] {
            for (i, id) in list.iter().enumerate() {
                if !known.contains(id.as_str()) || list[..i].contains(id) {
                    errors.push(FieldError::new(
                        &format!("{}[{i}]", f(name)),
                        format!("is not one of the community's {name}, or repeated"),
                    ));
                }
            }
        }
        let mut answered = BTreeSet::new();
        for (i, id) in m.items.iter().enumerate() {
            if !by_id.contains_key(id.as_str()) {
                foreign.push(FieldError::new(
                    &format!("{}[{i}]", f("items")),
                    "is not an item of the project's consultation",
                ));
            } else if !answered.insert(id.clone()) {
                errors.push(FieldError::new(&format!("{}[{i}]", f("items")), "is repeated"));
            }
        }
        let reason = limits::UNLINKED_REASON.check_optional(m.unlinked_reason.as_deref()).unwrap_or_else(|e| {
            errors.push(FieldError::new(&f("unlinked_reason"), e));
            None
        });
        let answers_approved = answered.iter().any(|i| by_id[i.as_str()].decision.as_deref() == Some("approved"));
        if !answers_approved && reason.is_none() && m.unlinked_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            errors.push(FieldError::new(
                &f("unlinked_reason"),
                "give the reason for a measure that answers no approved item",
            ));
        }
        if m.refs.len() > limits::REFS_MAX {
            errors.push(FieldError::new(&f("refs"), format!("at most {} references", limits::REFS_MAX)));
        }
        let refs: Vec<String> = m
            .refs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                limits::DOCUMENT_REF.check(r).unwrap_or_else(|e| {
                    errors.push(FieldError::new(&format!("{}[{i}]", f("refs")), e));
                    String::new()
                })
            })
            .collect();
        let id = clock::new_id();
        links.extend(answered.into_iter().map(|i| (id.clone(), i)));
        rows.push(MeasureRow {
            id,
            design_id: String::new(),
            position: n as i32,
            key: m.key.clone(),
            title,
            description,
            estimated_cost_cents: cost.flatten(),
            resident_share_bp: share.flatten().map(|v| v as i32),
            targets: json!({ "buildings": m.buildings, "units": m.units }).to_string(),
            unlinked_reason: reason,
            refs: json!(refs).to_string(),
        });
    }
    Ok((rows, links, foreign))
}

/// The project's versions the caller may read, newest first.
pub fn list_designs(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<DesignSummary>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (proj, comm) = load(c, id)?;
        require_member(c, &p, &comm)?;
        let mut out = Vec::new();
        for d in store::designs(c, &proj.id)? {
            if may_read_design(c, &p, &comm, &d)? {
                out.push(summary(c, d)?);
            }
        }
        Ok(out)
    })
}

/// Design version `id` with its measures, coverage and changes.
pub fn get_design(ctx: &Context, actor: &Actor, id: &str) -> Result<DesignView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (d, _, comm) = load_design(c, id)?;
        require_member(c, &p, &comm)?;
        if !may_read_design(c, &p, &comm, &d)? {
            return Err(Error::new(Code::DesignNotPublic, "this design version is not public"));
        }
        design_view(c, ctx, &p, d)
    })
}

pub fn phase_problem(e: project::WrongPhase) -> Error {
    Error::new(Code::WrongPhase, e.to_string())
}

/// The rules' view of stored measures.
fn as_measures(rows: &[(MeasureRow, Vec<String>)]) -> Vec<Measure> {
    rows.iter()
        .map(|(m, items)| Measure {
            key: m.key.clone(),
            items: items.iter().cloned().collect(),
            fields: vec![
                ("title", m.title.clone()),
                ("description", m.description.clone()),
                ("estimated_cost", format!("{:?}", m.estimated_cost_cents)),
                ("resident_share_percent", format!("{:?}", m.resident_share_bp)),
                ("targets", m.targets.clone()),
                ("unlinked_reason", format!("{:?}", m.unlinked_reason)),
                ("refs", m.refs.clone()),
            ],
        })
        .collect()
}

/// Design `d` as `p` reads it.
pub fn design_view(
    c: &mut AnyConnection,
    ctx: &Context,
    p: &crate::Principal,
    d: DesignRow,
) -> Result<DesignView, Error> {
    let proj = store::get(c, &d.project_id)?.ok_or_else(|| Error::internal("design without project"))?;
    let items = consultations::items(c, &proj.consultation_id)?;
    let item = |id: &str| {
        items.iter().find(|i| i.id == id).map(|i| AnsweredItem {
            id: i.id.clone(),
            code: i.code.clone(),
            name: i.name.clone(),
            approved: i.decision.as_deref() == Some("approved"),
        })
    };
    let rows = store::measures(c, &d.id)?;
    let (buildings, units) = roster::names(c, &proj.community_id)?;
    let name_of = |id: &String| {
        let b = buildings.iter().find(|b| &b.id == id).map(|b| b.name.clone());
        let u = units.iter().find(|u| &u.id == id).map(|u| {
            let b = buildings.iter().find(|b| b.id == u.building_id).map_or("", |b| b.name.as_str());
            format!("{b}{}", u.name)
        });
        Named { id: id.clone(), name: b.or(u).unwrap_or_default() }
    };
    let approved: Vec<String> =
        items.iter().filter(|i| i.decision.as_deref() == Some("approved")).map(|i| i.id.clone()).collect();
    let rules = as_measures(&rows);
    let cov = project::coverage(&approved, &rules);
    let changes = match store::designs(c, &proj.id)?.into_iter().find(|x| x.version == d.version - 1) {
        None => None,
        Some(prev) => {
            let before = as_measures(&store::measures(c, &prev.id)?);
            let measures =
                project::changes(&before, &rules).into_iter().map(|(k, ch)| MeasureChange::of(k, ch)).collect();
            Some(ChangesView { from_version: prev.version, measures })
        }
    };
    let mut measures = Vec::with_capacity(rows.len());
    let mut total = 0i64;
    for (m, linked) in &rows {
        let (bs, us) = targets(m)?;
        total += m.estimated_cost_cents.unwrap_or(0);
        measures.push(MeasureView {
            id: m.id.clone(),
            key: m.key.clone(),
            title: m.title.clone(),
            description: m.description.clone(),
            estimated_cost: money(m.estimated_cost_cents),
            resident_share_percent: money(m.resident_share_bp.map(i64::from)),
            buildings: bs.iter().map(name_of).collect(),
            units: us.iter().map(name_of).collect(),
            items: linked.iter().filter_map(|i| item(i)).collect(),
            unlinked_reason: m.unlinked_reason.clone(),
            refs: serde_json::from_str(&m.refs).map_err(Error::internal)?,
        });
    }
    let unlinked = cov
        .unlinked_measures
        .iter()
        .filter_map(|k| rows.iter().find(|(m, _)| &m.key == k))
        .map(|(m, _)| UnlinkedMeasure { key: m.key.clone(), title: m.title.clone(), reason: m.unlinked_reason.clone() })
        .collect();
    let coverage = CoverageView {
        approved_items: approved.len() as i64,
        answered_items: (approved.len() - cov.uncovered_items.len()) as i64,
        uncovered_items: cov.uncovered_items.iter().filter_map(|i| item(i)).collect(),
        unlinked_measures: unlinked,
    };
    let mut photos = attached(c, &ctx.photos, "design", std::slice::from_ref(&d.id), p.id())?;
    let review_id = diandan_store::representatives::review_of_design(c, &d.id)?.map(|r| r.id);
    let public_notice = crate::projects::public_notice::notice_view(c, &d.id)?;
    Ok(DesignView {
        attachments: photos.remove(&d.id).unwrap_or_default(),
        id: d.id,
        project_id: d.project_id,
        version: d.version,
        state: d.state.as_str().into(),
        note: d.note,
        submitted_by: d.submitted_by,
        submitted_at: time::from_db(d.submitted_at),
        measures,
        estimated_cost: share::hundredths(total),
        coverage,
        changes,
        review_id,
        public_notice,
    })
}
