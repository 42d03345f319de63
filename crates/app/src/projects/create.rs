//! The committee (or the district's admin) starts the renovation project of a published
//! consultation; members of the community list and read the projects.

use crate::consultations::views::require_manager;
use crate::principal::{community, principal};
use crate::projects::views::{load, project_view, require_member, ProjectView};
use crate::{Actor, Code, Context, Error};
use diandan_domain::consultation::State;
use diandan_domain::project::Phase;
use diandan_domain::{ids, limits, time};
use diandan_store::projects::{self, PhaseRow, ProjectRow};
use diandan_store::{audit, clock, consultations, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    /// The community's published consultation the project carries out.
    pub consultation_id: String,
    /// 1–100 characters (default: the consultation's title).
    pub title: Option<String>,
}

/// Starts the project of `b.consultation_id` in community `community_id`, in its design phase.
pub fn create_project(ctx: &Context, actor: &Actor, community_id: &str, b: NewProject) -> Result<ProjectView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        let cons = ids::is_uuid(&b.consultation_id)
            .then(|| consultations::get(c, &b.consultation_id))
            .transpose()?
            .flatten()
            .filter(|k| k.community_id == comm.id)
            .ok_or_else(|| Error::invalid("consultation_id", "is not a consultation of this community"))?;
        if cons.state != State::Published {
            return Err(Error::new(
                Code::ConsultationNotPublished,
                format!("the consultation is {}; a project follows its published result", cons.state.as_str()),
            ));
        }
        let title = match b.title.as_deref() {
            None => cons.title.clone(),
            Some(t) => limits::PROJECT_TITLE.check(t).map_err(|m| Error::invalid("title", m))?,
        };
        let now = time::to_db(clock::now());
        let row = ProjectRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            consultation_id: cons.id.clone(),
            title,
            phase: Phase::Design,
            created_by: p.id().to_owned(),
            created_at: now,
            updated_at: now,
        };
        projects::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::ProjectExists, "this consultation already has its project"),
            e => e.into(),
        })?;
        let phase = PhaseRow {
            id: clock::new_id(),
            project_id: row.id.clone(),
            phase: Phase::Design,
            started_at: now,
            started_by: Some(p.id().to_owned()),
            ended_at: None,
        };
        projects::start_phase(c, &phase)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "project.create",
                object_type: "project",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "consultation_id": cons.id, "title": row.title }),
            },
        )?;
        project_view(c, &p, &comm, row)
    })
}

/// The projects of community `community_id`, newest first.
pub fn list_projects(ctx: &Context, actor: &Actor, community_id: &str) -> Result<Vec<ProjectView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_member(c, &p, &comm)?;
        let rows = projects::of_community(c, &comm.id)?;
        rows.into_iter().map(|r| project_view(c, &p, &comm, r)).collect()
    })
}

/// Project `id` with its phases.
pub fn get_project(ctx: &Context, actor: &Actor, id: &str) -> Result<ProjectView, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (row, comm) = load(c, id)?;
        require_member(c, &p, &comm)?;
        project_view(c, &p, &comm, row)
    })
}
