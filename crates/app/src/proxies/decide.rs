//! A committee member checks an authorisation against the signed form: confirms it (from then
//! on the proxy may cast for the owner) or rejects it with a reason. Four eyes: not the member
//! who entered it.

use crate::consultations::views::{load, require_manager};
use crate::principal::principal;
use crate::proxies::refusal;
use crate::proxies::views::{one, ProxyView};
use crate::{Actor, Code, Context, Error};
use diandan_domain::proxy::{self, ProxyStatus};
use diandan_domain::{ids, limits, time};
use diandan_store::proxies::{self as store, ProxyRow};
use diandan_store::{audit, clock, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectProxy {
    /// Why the authorisation does not hold (shown to the owner), 1–200 characters.
    pub reason: String,
}

/// The authorisation by id, or 404.
pub fn find(c: &mut AnyConnection, id: &str) -> Result<ProxyRow, Error> {
    let missing = || Error::not_found("proxy authorisation");
    if !ids::is_uuid(id) {
        return Err(missing());
    }
    store::get(c, id)?.ok_or_else(missing)
}

fn decide(ctx: &Context, actor: &Actor, id: &str, to: ProxyStatus, reason: Option<&str>) -> Result<ProxyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let row = find(c, id)?;
        let (cons, comm) = load(c, &row.consultation_id)?;
        require_manager(&p, &comm)?;
        let reason = reason.map(|r| limits::REASON.check(r).map_err(|m| Error::invalid("reason", m))).transpose()?;
        if row.entered_by == p.id() {
            return Err(Error::new(
                Code::SameMember,
                "an authorisation is checked by a different committee member than the one who entered it",
            ));
        }
        proxy::may_decide(row.status).map_err(|r| refusal(r, "decide"))?;
        proxy::takes_authorisations(cons.state).map_err(|r| refusal(r, "decide"))?;
        if to == ProxyStatus::Confirmed {
            // The limit may have been lowered since it was entered.
            let held = store::standing_for_phone(c, &cons.id, &row.proxy_phone, Some(&row.id))?;
            proxy::within_limit(held, ctx.proxy_limit).map_err(|r| refusal(r, "decide"))?;
        }
        if !store::decide(c, &row.id, to, p.id(), time::to_db(clock::now()), reason.as_deref())? {
            return Err(Error::new(Code::ProxyNotPending, "the authorisation changed meanwhile"));
        }
        let action = if to == ProxyStatus::Confirmed { "proxy.confirm" } else { "proxy.reject" };
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action,
                object_type: "proxy",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "consultation_id": cons.id, "owner_key": row.owner_key, "reason": reason }),
            },
        )?;
        one(ctx, c, &row.id, p.id())
    })
}

/// Confirms authorisation `id`.
pub fn confirm_proxy(ctx: &Context, actor: &Actor, id: &str) -> Result<ProxyView, Error> {
    decide(ctx, actor, id, ProxyStatus::Confirmed, None)
}

/// Rejects authorisation `id` with a reason.
pub fn reject_proxy(ctx: &Context, actor: &Actor, id: &str, b: &RejectProxy) -> Result<ProxyView, Error> {
    decide(ctx, actor, id, ProxyStatus::Rejected, Some(&b.reason))
}
