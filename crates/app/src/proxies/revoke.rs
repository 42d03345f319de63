//! The owner withdraws an authorisation before the proxy has voted under it (a committee
//! member does it for an owner who revokes on paper). After the proxy's ballot, the owner's own
//! later ballot supersedes it instead.

use crate::consultations::views::load;
use crate::principal::principal;
use crate::proxies::decide::find;
use crate::proxies::refusal;
use crate::proxies::views::{one, ProxyView};
use crate::{Actor, Code, Context, Error};
use diandan_domain::proxy;
use diandan_domain::roles::Role;
use diandan_domain::{limits, time};
use diandan_store::proxies as store;
use diandan_store::{audit, bindings, clock};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct RevokeProxy {
    /// Optional, 1–200 characters (a committee member notes the owner's paper revocation).
    pub reason: Option<String>,
}

/// Revokes authorisation `id`: by an owner of its owner key, or the committee.
pub fn revoke_proxy(ctx: &Context, actor: &Actor, id: &str, b: &RevokeProxy) -> Result<ProxyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let row = find(c, id)?;
        let (cons, comm) = load(c, &row.consultation_id)?;
        let manager = p.has(&[Role::Admin, Role::Committee], &comm);
        let owner = bindings::owned_dwellings(c, p.id(), &comm.id)?.iter().any(|(_, k)| k == &row.owner_key);
        if !manager && !owner {
            return Err(Error::new(
                Code::Forbidden,
                "only the owner who gave it, or the committee, revokes an authorisation",
            ));
        }
        let reason = b
            .reason
            .as_deref()
            .map(|r| limits::REASON.check(r).map_err(|m| Error::invalid("reason", m)))
            .transpose()?;
        proxy::takes_authorisations(cons.state).map_err(|r| refusal(r, "revoke"))?;
        // Held first: a ballot being cast under it commits before this reads whether one was.
        store::touch(c, &row.id)?;
        let row = find(c, id)?;
        proxy::may_revoke(row.status, store::has_cast(c, &row.id)?).map_err(|r| refusal(r, "revoke"))?;
        if !store::revoke(c, &row.id, p.id(), time::to_db(clock::now()), reason.as_deref())? {
            return Err(Error::new(Code::ProxyNotStanding, "the authorisation changed meanwhile"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "proxy.revoke",
                object_type: "proxy",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "consultation_id": cons.id,
                    "owner_key": row.owner_key,
                    "by": if owner { "owner" } else { "committee" },
                    "reason": reason,
                }),
            },
        )?;
        one(ctx, c, &row.id, p.id())
    })
}
