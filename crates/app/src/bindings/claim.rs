//! A resident claims a dwelling as owner or occupant; an owner claim whose verified phone
//! matches the roster is approved at once.

use crate::principal::principal;
use crate::views::BindingView;
use crate::{Actor, Code, Context, Error};
use diandan_domain::limits;
use diandan_domain::roles::{auto_approves, BindingStatus, Relation};
use diandan_domain::{ids, time};
use diandan_store::bindings::{self, BindingRow};
use diandan_store::{audit, clock, roster};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBinding {
    pub dwelling_id: String,
    /// owner | occupant
    pub relation: String,
    /// A note for the committee (e.g. "co-owner with my wife"), at most 200 characters.
    pub note: Option<String>,
}

/// Claims dwelling `b.dwelling_id` for the caller (a resident's WeChat account only).
pub fn claim_dwelling(ctx: &Context, actor: &Actor, b: &NewBinding) -> Result<BindingView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if actor.kind != diandan_store::users::RESIDENT {
            return Err(Error::new(
                Code::NotAResidentAccount,
                "dwellings are claimed from the mini-program with a resident's WeChat account, not with a staff account",
            ));
        }
        if !ids::is_uuid(&b.dwelling_id) {
            return Err(Error::not_found("dwelling"));
        }
        let d = roster::dwelling(c, &b.dwelling_id)?.ok_or_else(|| Error::not_found("dwelling"))?;
        let relation =
            Relation::parse(&b.relation).ok_or_else(|| Error::invalid("relation", "must be owner or occupant"))?;
        let note = limits::BINDING_NOTE.check_optional(b.note.as_deref()).map_err(|m| Error::invalid("note", m))?;
        if !bindings::active_for(c, p.id(), &d.id)?.is_empty() {
            return Err(Error::new(
                Code::BindingExists,
                "you already have a pending or approved claim on this dwelling",
            ));
        }
        let phone_ok = p.user.phone_verified_at.is_some();
        let auto = auto_approves(relation, p.user.phone.as_deref().filter(|_| phone_ok), d.registered_phone.as_deref());
        let now = time::to_db(clock::now());
        let row = BindingRow {
            id: clock::new_id(),
            user_id: p.id().to_owned(),
            dwelling_id: d.id.clone(),
            community_id: d.community_id.clone(),
            relation,
            status: if auto { BindingStatus::Approved } else { BindingStatus::Pending },
            auto_approved: auto,
            note,
            decided_by: None,
            decided_at: auto.then_some(now),
            reason: None,
            created_at: now,
        };
        bindings::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: if auto { "binding.auto_approve" } else { "binding.claim" },
                object_type: "binding",
                object_id: &row.id,
                community_id: Some(&row.community_id),
                district_id: None,
                detail: json!({ "dwelling_id": row.dwelling_id, "relation": row.relation }),
            },
        )?;
        let view = bindings::view(c, &row.id)?.ok_or_else(|| Error::internal("binding vanished after insert"))?;
        Ok(BindingView::own(view))
    })
}
