//! The reviewer's decision on a held text: `release` shows it to everyone who may read its
//! subject; `remove` keeps it hidden for good (the author still sees what they wrote). A
//! ballot comment released after its consultation was published stays out of that demand
//! list: the list is the record made at publishing.

use crate::moderation::queue::HeldView;
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use diandan_domain::roles::Role;
use diandan_domain::{ids, limits, time};
use diandan_store::{audit, clock, held, uploads};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldDecision {
    /// release | remove
    pub decision: String,
    /// Why (kept with the decision and in the audit log), up to 200 characters.
    pub note: Option<String>,
}

pub fn decide_held(ctx: &Context, actor: &Actor, id: &str, d: &HeldDecision) -> Result<HeldView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) {
            return Err(Error::not_found("held text"));
        }
        let row = held::get(c, id)?.ok_or_else(|| Error::not_found("held text"))?;
        match &row.community_id {
            Some(cid) => p.require(&[Role::Admin, Role::Committee], &community(c, cid)?)?,
            None => p.require_global_admin()?,
        }
        // The caller may decide: now the decision is looked at.
        let state = match d.decision.as_str() {
            "release" => "released",
            "remove" => "removed",
            _ => return Err(Error::invalid("decision", "must be release or remove")),
        };
        let note = limits::REASON.check_optional(d.note.as_deref()).map_err(|m| Error::invalid("note", m))?;
        let now = time::to_db(clock::now());
        if !held::decide(c, &row.id, state, p.id(), now, note.as_deref())? {
            return Err(Error::new(Code::AlreadyDecided, format!("this text was already {}", row.state)));
        }
        if row.kind == "photo" {
            uploads::set_review(c, &row.subject_id, if state == "released" { "cleared" } else { "rejected" })?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: if state == "released" { "content.release" } else { "content.remove" },
                object_type: &row.kind,
                object_id: &row.subject_id,
                community_id: row.community_id.as_deref(),
                district_id: None,
                detail: json!({ "held_id": row.id, "note": note }),
            },
        )?;
        let fresh = held::get(c, &row.id)?.ok_or_else(|| Error::internal("held text vanished"))?;
        Ok(HeldView::from(fresh))
    })
}
