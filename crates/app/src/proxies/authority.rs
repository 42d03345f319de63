//! Whether the caller may cast for an owner under an authorisation: the authorisation is of
//! this consultation, names the caller's WeChat-verified phone (and, for a resident proxy, the
//! caller has an approved claim in the community), is confirmed, and the owner has not voted
//! themselves.

use crate::principal::Principal;
use crate::proxies::decide::find;
use crate::proxies::refusal;
use crate::{Code, Error};
use diandan_domain::proxy::{self, ProxyKind};
use diandan_store::proxies::{self as store, ProxyRow};
use diandan_store::{bindings, AnyConnection};

/// The authorisation `proxy_id` the caller casts under in consultation `consultation_id`.
pub fn authority(
    c: &mut AnyConnection,
    p: &Principal,
    consultation_id: &str,
    community_id: &str,
    proxy_id: &str,
) -> Result<ProxyRow, Error> {
    let row = find(c, proxy_id)?;
    if row.consultation_id != consultation_id {
        return Err(Error::not_found("proxy authorisation"));
    }
    let verified = p.user.phone_verified_at.is_some() && p.user.phone.as_deref() == Some(row.proxy_phone.as_str());
    let lives_here = row.kind != ProxyKind::Resident || !bindings::approved_in(c, p.id(), community_id)?.is_empty();
    if !verified || !lives_here {
        return Err(Error::new(
            Code::NotTheProxy,
            if verified {
                "a resident proxy needs an approved claim to a dwelling of this community"
            } else {
                "this authorisation names another phone: verify yours (POST /api/v1/me/phone) if it is yours"
            },
        ));
    }
    proxy::may_cast(row.status, false).map_err(|r| refusal(r, "cast"))?;
    Ok(row)
}

/// Checks again, holding the authorisation's row, once the owner's ballot is locked: a
/// revocation or the owner's own ballot committed meanwhile stops this one (a revocation waits
/// for this transaction, then sees its ballot).
pub fn recheck(c: &mut AnyConnection, row: &ProxyRow) -> Result<(), Error> {
    store::touch(c, &row.id)?;
    let now = store::get(c, &row.id)?.ok_or_else(|| Error::not_found("proxy authorisation"))?;
    let in_person = store::owner_voted_in_person(c, &row.consultation_id, &row.owner_key)?;
    proxy::may_cast(now.status, in_person).map_err(|r| refusal(r, "cast"))
}
