//! What a project, a design version and a review look like to their readers, and who may read
//! them: every member of the community reads the project; the committee, the district's admin
//! and the community's designers read every version; a representative reads the version put to
//! their review; other residents read a version once it was accepted for public notice (and
//! after it was approved).

use crate::principal::{community, Principal};
use crate::uploads::views::PhotoView;
use crate::{Code, Error};
use chrono::{DateTime, Utc};
use diandan_domain::project::{Change, DesignState};
use diandan_domain::roles::Role;
use diandan_domain::{ids, share, time};
use diandan_store::communities::CommunityRow;
use diandan_store::projects::{self, DesignRow, MeasureRow, PhaseRow, ProjectRow};
use diandan_store::{representatives, AnyConnection};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct PhaseView {
    /// design | design_review | public_notice | works | acceptance | done
    pub phase: String,
    pub started_at: DateTime<Utc>,
    /// None: the current phase.
    pub ended_at: Option<DateTime<Utc>>,
}

impl From<PhaseRow> for PhaseView {
    fn from(p: PhaseRow) -> Self {
        PhaseView {
            phase: p.phase.as_str().into(),
            started_at: time::from_db(p.started_at),
            ended_at: p.ended_at.map(time::from_db),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DesignSummary {
    pub id: String,
    pub version: i32,
    /// submitted | in_review | accepted | approved | revise | superseded
    pub state: String,
    pub submitted_at: DateTime<Utc>,
    /// The review of this version, once opened.
    pub review_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProjectView {
    pub id: String,
    pub community_id: String,
    /// The published consultation whose approved items the project carries out.
    pub consultation_id: String,
    pub title: String,
    /// design | design_review | public_notice | works | acceptance | done
    pub phase: String,
    /// Every phase entered, oldest first (a design sent back returns to `design`).
    pub phases: Vec<PhaseView>,
    /// The newest design version the caller may read.
    pub latest_design: Option<DesignSummary>,
    pub created_at: DateTime<Utc>,
}

/// The project, its community, or 404.
pub fn load(c: &mut AnyConnection, id: &str) -> Result<(ProjectRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("project"));
    }
    let p = projects::get(c, id)?.ok_or_else(|| Error::not_found("project"))?;
    let comm = community(c, &p.community_id)?;
    Ok((p, comm))
}

/// The design version, its project and community, or 404.
pub fn load_design(c: &mut AnyConnection, id: &str) -> Result<(DesignRow, ProjectRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("design"));
    }
    let d = projects::design(c, id)?.ok_or_else(|| Error::not_found("design"))?;
    let (p, comm) = load(c, &d.project_id)?;
    Ok((d, p, comm))
}

/// The committee, the district's admin and the community's designers: they read every version.
pub fn is_planner(p: &Principal, comm: &CommunityRow) -> bool {
    p.has(&[Role::Admin, Role::Committee, Role::Designer], comm)
}

/// Members of the community read its projects.
pub fn require_member(c: &mut AnyConnection, p: &Principal, comm: &CommunityRow) -> Result<(), Error> {
    if crate::consultations::views::is_member(c, p, comm)? {
        Ok(())
    } else {
        Err(Error::new(Code::Forbidden, "renovation projects are visible to the community's members"))
    }
}

/// Whether `p` may read design version `d` (see the module's rule).
pub fn may_read_design(
    c: &mut AnyConnection,
    p: &Principal,
    comm: &CommunityRow,
    d: &DesignRow,
) -> Result<bool, Error> {
    if is_planner(p, comm) || matches!(d.state, DesignState::Accepted | DesignState::Approved) {
        return Ok(true);
    }
    Ok(representatives::sits_on_any(c, p.id(), std::slice::from_ref(&d.id))?)
}

/// The project as `p` sees it.
pub fn project_view(
    c: &mut AnyConnection,
    p: &Principal,
    comm: &CommunityRow,
    row: ProjectRow,
) -> Result<ProjectView, Error> {
    let phases = projects::phases(c, &row.id)?.into_iter().map(PhaseView::from).collect();
    let mut latest = None;
    for d in projects::designs(c, &row.id)? {
        if may_read_design(c, p, comm, &d)? {
            latest = Some(summary(c, d)?);
            break;
        }
    }
    Ok(ProjectView {
        id: row.id,
        community_id: row.community_id,
        consultation_id: row.consultation_id,
        title: row.title,
        phase: row.phase.as_str().into(),
        phases,
        latest_design: latest,
        created_at: time::from_db(row.created_at),
    })
}

pub fn summary(c: &mut AnyConnection, d: DesignRow) -> Result<DesignSummary, Error> {
    let review_id = representatives::review_of_design(c, &d.id)?.map(|r| r.id);
    Ok(DesignSummary {
        id: d.id,
        version: d.version,
        state: d.state.as_str().into(),
        submitted_at: time::from_db(d.submitted_at),
        review_id,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AnsweredItem {
    pub id: String,
    pub code: String,
    pub name: String,
    /// Whether the committee approved the item when the consultation was reviewed.
    pub approved: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureView {
    pub id: String,
    /// The designer's stable name of the measure, the same in every version.
    pub key: String,
    pub title: String,
    pub description: String,
    /// Yuan with two decimals.
    pub estimated_cost: Option<String>,
    /// The residents' share of the cost in percent, two decimals.
    pub resident_share_percent: Option<String>,
    /// The buildings and units it concerns; both empty: the whole community.
    pub buildings: Vec<Named>,
    pub units: Vec<Named>,
    /// The demand items it answers.
    pub items: Vec<AnsweredItem>,
    /// Why it answers no approved item (required then).
    pub unlinked_reason: Option<String>,
    /// References to documents kept elsewhere (a PDF drawing's archive number).
    pub refs: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnlinkedMeasure {
    pub key: String,
    pub title: String,
    pub reason: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CoverageView {
    /// Approved demand items no measure answers, in the demand list's order.
    pub uncovered_items: Vec<AnsweredItem>,
    /// Measures answering no approved item, with the designer's reason.
    pub unlinked_measures: Vec<UnlinkedMeasure>,
    /// Approved items of the consultation, and how many of them the design answers.
    pub approved_items: i64,
    pub answered_items: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureChange {
    pub key: String,
    /// added | removed | changed | unchanged
    pub change: String,
    /// For `changed`: the fields that differ (`items`: the demand items it answers).
    pub fields: Vec<String>,
}

impl MeasureChange {
    pub fn of(key: String, c: Change) -> Self {
        let (change, fields) = match c {
            Change::Added => ("added", vec![]),
            Change::Removed => ("removed", vec![]),
            Change::Unchanged => ("unchanged", vec![]),
            Change::Changed(f) => ("changed", f.into_iter().map(String::from).collect()),
        };
        MeasureChange { key, change: change.into(), fields }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangesView {
    /// The version compared with: the one before this.
    pub from_version: i32,
    pub measures: Vec<MeasureChange>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DesignView {
    pub id: String,
    pub project_id: String,
    pub version: i32,
    /// submitted | in_review | accepted | approved | revise | superseded
    pub state: String,
    pub note: String,
    pub submitted_by: String,
    pub submitted_at: DateTime<Utc>,
    pub measures: Vec<MeasureView>,
    /// The sum of the measures' estimated costs, yuan.
    pub estimated_cost: String,
    pub coverage: CoverageView,
    /// What changed from the version before (None for the first).
    pub changes: Option<ChangesView>,
    /// Drawings and pictures (signed addresses).
    pub attachments: Vec<PhotoView>,
    /// The review of this version, once opened.
    pub review_id: Option<String>,
    /// Its public notice (公示), once the review accepted it.
    pub public_notice: Option<crate::projects::public_notice::PublicNoticeView>,
}

/// Money in hundredths as text.
pub fn money(v: Option<i64>) -> Option<String> {
    v.map(share::hundredths)
}

/// The measure's targets as stored (`{"buildings": [..], "units": [..]}`).
pub fn targets(m: &MeasureRow) -> Result<(Vec<String>, Vec<String>), Error> {
    #[derive(serde::Deserialize)]
    struct T {
        buildings: Vec<String>,
        units: Vec<String>,
    }
    let t: T = serde_json::from_str(&m.targets).map_err(Error::internal)?;
    Ok((t.buildings, t.units))
}
