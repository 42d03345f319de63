//! An administrator disables a staff account (someone left the committee or the company) or
//! enables it again. A disabled account is refused at its next request and cannot refresh.

use crate::accounts::users::StaffView;
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use diandan_domain::access::may_manage_account;
use diandan_domain::{ids, limits, time};
use diandan_store::{audit, clock, personal, roles};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisableBody {
    /// 1–200 characters, kept in the audit log.
    pub reason: String,
}

/// Disables (`reason` given) or enables (`None`) staff account `id`.
pub fn set_enabled(ctx: &Context, actor: &Actor, id: &str, disable: Option<&DisableBody>) -> Result<StaffView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !p.grants.is_any_admin() {
            return Err(Error::new(Code::Forbidden, "only administrators disable and enable staff accounts"));
        }
        if !ids::is_uuid(id) {
            return Err(Error::not_found("user"));
        }
        let (target, grants) = roles::user_with_grants(c, id)?.ok_or_else(|| Error::not_found("user"))?;
        if target.kind != "staff" {
            return Err(Error::not_found("user"));
        }
        if !may_manage_account(&p.grants, &grants) {
            return Err(Error::new(Code::Forbidden, "this account holds roles outside the districts you administer"));
        }
        if target.id == p.id() {
            return Err(Error::new(Code::WrongState, "you cannot disable or enable your own account"));
        }
        // A second click on a stale page changes nothing and says so (no second audit entry).
        match (disable.is_some(), target.disabled_at.is_some()) {
            (true, true) => return Err(Error::new(Code::WrongState, "this account is already disabled")),
            (false, false) => return Err(Error::new(Code::WrongState, "this account is not disabled")),
            _ => {}
        }
        let reason =
            disable.map(|d| limits::REASON.check(&d.reason).map_err(|m| Error::invalid("reason", m))).transpose()?;
        let now = time::to_db(clock::now());
        let at = reason.is_some().then_some(now);
        personal::set_disabled(c, &target.id, at)?;
        if at.is_some() {
            personal::revoke_sessions(c, &target.id, now)?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: if at.is_some() { "user.disable" } else { "user.enable" },
                object_type: "user",
                object_id: &target.id,
                community_id: None,
                district_id: None,
                detail: json!({ "reason": reason }),
            },
        )?;
        let mut view = StaffView::from(target);
        view.disabled_at = at.map(time::from_db);
        Ok(view)
    })
}
