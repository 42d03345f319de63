//! The committee's decision on a claim, shared by the approve and reject endpoints.

use crate::principal::{community, principal};
use crate::views::BindingView;
use crate::Actor;
use crate::Code;
use crate::Error;
use diandan_domain::roles::{BindingStatus, Role};
use diandan_domain::{ids, time};
use diandan_store::clock;
use diandan_store::{audit, bindings, AnyConnection};
use serde_json::json;

pub fn decide(
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
    let from = BindingStatus::parse(&b.status)
        .ok_or_else(|| Error::internal(format!("binding {id} has unknown status {}", b.status)))?;
    if !from.can_decide()
        || !bindings::decide(c, id, from.as_str(), to.as_str(), Some(p.id()), time::to_db(clock::now()), reason)?
    {
        return Err(Error::new(
            Code::BindingNotPending,
            format!("this claim is {} and cannot be decided again", b.status),
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
            detail: json!({ "dwelling_id": b.dwelling_id, "relation": b.relation, "reason": reason }),
        },
    )?;
    let view = bindings::view(c, &id)?.ok_or_else(|| Error::internal("binding vanished after decision"))?;
    Ok(BindingView::for_committee(view))
}
