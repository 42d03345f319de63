//! Quality supervisors (群众质量监督员) of a community's renovation works: the committee (or an
//! admin of the district) appoints verified residents, lists and revokes them; each change is
//! one transaction with its audit entry.

use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::roles::Role;
use diandan_domain::{ids, time};
use diandan_store::complaints::{self, SupervisorRow};
use diandan_store::{audit, bindings, clock};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupervisor {
    /// A verified resident of the community.
    pub user_id: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisorView {
    pub id: String,
    pub user_id: String,
    pub appointed_by: String,
    pub appointed_at: DateTime<Utc>,
}

impl From<SupervisorRow> for SupervisorView {
    fn from(s: SupervisorRow) -> Self {
        SupervisorView {
            id: s.id,
            user_id: s.user_id,
            appointed_by: s.appointed_by,
            appointed_at: time::from_db(s.appointed_at),
        }
    }
}

/// Appoints the resident `b.user_id` in community `community_id`.
pub fn appoint_supervisor(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    b: NewSupervisor,
) -> Result<SupervisorView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        let user_id = b.user_id;
        if !ids::is_uuid(&user_id) || bindings::approved_in(c, &user_id, &comm.id)?.is_empty() {
            return Err(Error::invalid("user_id", "is not a verified resident of this community")
                .with_code(Code::SupervisorNotResident));
        }
        if complaints::active_supervisor(c, &comm.id, &user_id)?.is_some() {
            return Err(Error::new(Code::AlreadySupervisor, "this resident is already a quality supervisor here"));
        }
        let row = SupervisorRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            user_id,
            appointed_by: p.id().to_owned(),
            appointed_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
        };
        complaints::appoint_supervisor(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "supervisor.appoint",
                object_type: "quality_supervisor",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "user_id": row.user_id }),
            },
        )?;
        Ok(SupervisorView::from(row))
    })
}

/// The active supervisors of community `community_id`.
pub fn list_supervisors(ctx: &Context, actor: &Actor, community_id: &str) -> Result<Vec<SupervisorView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        Ok(complaints::supervisors(c, &comm.id)?.into_iter().map(SupervisorView::from).collect())
    })
}

/// Ends appointment `supervisor_id` of community `community_id`; reports already filed stay.
pub fn revoke_supervisor(ctx: &Context, actor: &Actor, community_id: &str, supervisor_id: &str) -> Result<(), Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        let active = complaints::supervisors(c, &comm.id)?;
        let s = active.into_iter().find(|s| s.id == supervisor_id).ok_or_else(|| Error::not_found("supervisor"))?;
        complaints::revoke_supervisor(c, &s.id, p.id(), time::to_db(clock::now()))?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "supervisor.revoke",
                object_type: "quality_supervisor",
                object_id: &s.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "user_id": s.user_id }),
            },
        )?;
        Ok(())
    })
}
