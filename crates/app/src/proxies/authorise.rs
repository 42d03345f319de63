//! An authorisation is entered: by the owner in the mini-program (with photos of the signed
//! form), or by a committee member from the paper form brought to the office (its reference).
//! Either way it waits for a committee member's confirmation.

use crate::ballots::owner::owner_dwelling;
use crate::consultations::views::load;
use crate::principal::{principal, Principal};
use crate::proxies::refusal;
use crate::proxies::views::{one, ProxyView, PHOTO_KIND};
use crate::uploads::attach;
use crate::{Actor, Context, Error, FieldError};
use diandan_domain::proxy::{self, ProxyKind, ProxyStatus};
use diandan_domain::roles::Role;
use diandan_domain::{ids, limits, phone, time};
use diandan_store::communities::CommunityRow;
use diandan_store::consultations::ConsultationRow;
use diandan_store::proxies::{self as store, ProxyRow};
use diandan_store::{audit, ballots, clock, roster, AnyConnection};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProxy {
    /// The owner's dwelling. The committee names it always; an owner only when they own
    /// dwellings of several owners here.
    pub dwelling_id: Option<String>,
    /// The person who will vote, 1–100 characters.
    pub proxy_name: String,
    /// Their mainland mobile number: they cast from the account that verified it with WeChat.
    pub proxy_phone: String,
    /// resident (an adult living in the community) | family (a family member)
    pub kind: String,
    /// The paper form's reference (archive number or file name), 1–200 characters.
    pub paper_ref: Option<String>,
    /// Photos of the signed authorisation, uploaded by the caller (at most 9). Give photos, a
    /// paper reference, or both.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// Whom the authorisation is for: (owner key, dwelling), and whether the committee entered it.
fn the_owner(
    c: &mut AnyConnection,
    p: &Principal,
    cons: &ConsultationRow,
    comm: &CommunityRow,
    dwelling_id: Option<&str>,
) -> Result<(String, String, bool), Error> {
    let frozen = cons.state.roll_frozen();
    if !p.has(&[Role::Admin, Role::Committee], comm) {
        let (key, dwelling) = owner_dwelling(c, p, &cons.id, &comm.id, dwelling_id, frozen)?;
        return Ok((key, dwelling, false));
    }
    let not_here = || Error::invalid("dwelling_id", "not a dwelling of this consultation's roll");
    let d = dwelling_id.ok_or_else(|| Error::invalid("dwelling_id", "name the owner's dwelling"))?;
    if !ids::is_uuid(d) {
        return Err(not_here());
    }
    let key = if frozen {
        ballots::electors_for_dwellings(c, &cons.id, &[d.to_owned()])?.pop().ok_or_else(not_here)?.owner_key
    } else {
        roster::dwelling(c, d)?.filter(|x| x.community_id == comm.id).ok_or_else(not_here)?.owner_key
    };
    Ok((key, d.to_owned(), true))
}

/// Enters authorisation `b` in consultation `id`.
pub fn authorise(ctx: &Context, actor: &Actor, id: &str, b: &NewProxy) -> Result<ProxyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        proxy::takes_authorisations(cons.state).map_err(|r| refusal(r, "authorise"))?;
        let (owner_key, dwelling_id, by_committee) = the_owner(c, &p, &cons, &comm, b.dwelling_id.as_deref())?;

        let mut errors: Vec<FieldError> = Vec::new();
        let name = limits::NAME.check(&b.proxy_name).map_err(|m| errors.push(FieldError::new("proxy_name", m))).ok();
        let kind = ProxyKind::parse(&b.kind);
        if kind.is_none() {
            errors.push(FieldError::new("kind", format!("must be one of {}", ProxyKind::names())));
        }
        let phone = phone::normalize(&b.proxy_phone);
        let own_phones = [
            roster::dwelling(c, &dwelling_id)?.and_then(|d| d.registered_phone),
            (!by_committee).then(|| p.user.phone.clone()).flatten(),
        ];
        match &phone {
            None => errors.push(FieldError::new("proxy_phone", "must be a mainland mobile number")),
            Some(ph) if own_phones.iter().flatten().any(|o| o == ph) => {
                errors.push(FieldError::new("proxy_phone", "is the owner's own number: an owner votes for themselves"))
            }
            Some(_) => {}
        }
        let paper_ref = match &b.paper_ref {
            Some(r) => limits::SHEET_REF.check(r).map_err(|m| errors.push(FieldError::new("paper_ref", m))).ok(),
            None => None,
        };
        if b.paper_ref.is_none() && b.photos.is_empty() {
            errors.push(FieldError::new(
                "photos",
                "give photos of the signed authorisation or the paper form's reference",
            ));
        }
        errors.extend(attach::check(c, p.id(), &b.photos)?);
        let (Some(name), Some(kind), Some(phone), true) = (name, kind, phone, errors.is_empty()) else {
            return Err(Error::validation(errors));
        };

        if store::standing_for_owner(c, &cons.id, &owner_key)?.is_some() {
            return Err(Error::new(
                crate::Code::ProxyExists,
                "this owner already has a standing authorisation here: revoke it before giving another",
            ));
        }
        proxy::within_limit(store::standing_for_phone(c, &cons.id, &phone, None)?, ctx.proxy_limit)
            .map_err(|r| refusal(r, "authorise"))?;
        let row = ProxyRow {
            id: clock::new_id(),
            consultation_id: cons.id.clone(),
            community_id: comm.id.clone(),
            owner_key,
            dwelling_id,
            proxy_name: name,
            proxy_phone: phone,
            kind,
            paper_ref,
            status: ProxyStatus::Pending,
            entered_by: p.id().to_owned(),
            entered_at: time::to_db(clock::now()),
            decided_by: None,
            decided_at: None,
            reason: None,
            revoked_by: None,
            revoked_at: None,
        };
        store::insert(c, &row)?;
        attach::attach(c, p.id(), (PHOTO_KIND, &row.id, &comm.id), &b.photos)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "proxy.authorise",
                object_type: "proxy",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                // The phone masked: the chain cannot be erased, the row can.
                detail: json!({
                    "consultation_id": cons.id,
                    "owner_key": row.owner_key,
                    "kind": kind.as_str(),
                    "proxy_phone": phone::mask(&row.proxy_phone),
                    "entered_as": if by_committee { "committee" } else { "owner" },
                    "paper_ref": row.paper_ref,
                    "photos": b.photos,
                }),
            },
        )?;
        one(ctx, c, &row.id, p.id())
    })
}
