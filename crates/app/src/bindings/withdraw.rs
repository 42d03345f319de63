//! A resident withdraws their own pending or approved binding (e.g. after moving out).

use crate::principal::principal;
use crate::views::BindingView;
use crate::{Actor, Code, Context, Error};
use diandan_domain::roles::BindingStatus;
use diandan_domain::{ids, time};
use diandan_store::{audit, bindings, clock};
use serde_json::json;

/// Withdraws binding `id` of the caller's.
pub fn withdraw_binding(ctx: &Context, actor: &Actor, id: &str) -> Result<BindingView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) {
            return Err(Error::not_found("binding"));
        }
        // Another user's binding is answered 404, not 403: its existence is not theirs to learn.
        let b = bindings::get(c, id)?.filter(|b| b.user_id == p.id()).ok_or_else(|| Error::not_found("binding"))?;
        let from = Some(b.status)
            .filter(|s| s.is_active())
            .ok_or_else(|| Error::new(Code::BindingNotActive, "this binding is already closed"))?;
        if !bindings::decide(
            c,
            id,
            from.as_str(),
            BindingStatus::Withdrawn.as_str(),
            Some(p.id()),
            time::to_db(clock::now()),
            None,
        )? {
            return Err(Error::new(Code::BindingNotActive, "this binding changed meanwhile; reload it"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "binding.withdraw",
                object_type: "binding",
                object_id: id,
                community_id: Some(&b.community_id),
                district_id: None,
                detail: json!({ "dwelling_id": b.dwelling_id }),
            },
        )?;
        let view = bindings::view(c, id)?.ok_or_else(|| Error::internal("binding vanished"))?;
        Ok(BindingView::own(view))
    })
}
