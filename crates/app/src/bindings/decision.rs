//! The committee's decision on a claim: approve, or reject with a reason.

use crate::messages::notify::{notify, values, when};
use crate::principal::{community, principal};
use crate::views::BindingView;
use crate::{Actor, Code, Context, Error};
use diandan_domain::limits;
use diandan_domain::message::MessageKind;
use diandan_domain::roles::{BindingStatus, Role};
use diandan_domain::{ids, time};
use diandan_store::{audit, bindings, clock, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    /// Shown to the resident; 1–200 characters.
    pub reason: String,
}

/// Approves pending claim `id`.
pub fn approve_binding(ctx: &Context, actor: &Actor, id: &str) -> Result<BindingView, Error> {
    ctx.db.write(|c| decide(c, actor, id, BindingStatus::Approved, None))
}

/// Rejects pending claim `id` with the rejection's reason.
pub fn reject_binding(ctx: &Context, actor: &Actor, id: &str, rejection: &Rejection) -> Result<BindingView, Error> {
    ctx.db.write(|c| decide(c, actor, id, BindingStatus::Rejected, Some(&rejection.reason)))
}

/// The decision on an open transaction: the right, then the reason (if any), then the step.
fn decide(
    c: &mut AnyConnection,
    caller: &Actor,
    id: &str,
    to: BindingStatus,
    reason: Option<&str>,
) -> Result<BindingView, Error> {
    let p = principal(c, caller)?;
    if !ids::is_uuid(id) {
        return Err(Error::not_found("binding"));
    }
    let b = bindings::get(c, id)?.ok_or_else(|| Error::not_found("binding"))?;
    let comm = community(c, &b.community_id)?;
    p.require(&[Role::Admin, Role::Committee], &comm)?;
    let reason = reason.map(|r| limits::REASON.check(r).map_err(|m| Error::invalid("reason", m))).transpose()?;
    let reason = reason.as_deref();
    let from = b.status;
    if !from.can_decide()
        || !bindings::decide(c, id, from.as_str(), to.as_str(), Some(p.id()), time::to_db(clock::now()), reason)?
    {
        return Err(Error::new(
            Code::BindingNotPending,
            format!("this claim is {} and cannot be decided again", b.status.as_str()),
        ));
    }
    audit::append(
        c,
        audit::Event {
            actor_id: Some(p.id()),
            action: if to == BindingStatus::Approved { "binding.approve" } else { "binding.reject" },
            object_type: "binding",
            object_id: id,
            community_id: Some(&b.community_id),
            district_id: None,
            detail: json!({ "dwelling_id": b.dwelling_id, "relation": b.relation, "reason": reason }),
        },
    )?;
    let view = bindings::view(c, id)?.ok_or_else(|| Error::internal("binding vanished after decision"))?;
    let v = values([
        ("binding_id", id.to_owned()),
        ("community", comm.name.clone()),
        ("dwelling", format!("{}{}{}", view.building, view.unit, view.room)),
        ("result", if to == BindingStatus::Approved { "已通过" } else { "未通过" }.to_string()),
        ("reason", reason.unwrap_or("房屋认证已通过").to_string()),
        ("decided_at", when(clock::now())),
    ]);
    notify(c, MessageKind::ClaimDecided, id, std::slice::from_ref(&b.user_id), &v, clock::now())?;
    let mut v = BindingView::for_committee(view);
    crate::views::hide_held_names(c, std::slice::from_mut(&mut v))?;
    Ok(v)
}
