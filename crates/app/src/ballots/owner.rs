//! Which owner a resident votes as: the owner key of their approved owner bindings on the
//! consultation's frozen roll. Refusals carry codes the mini-program can explain.

use crate::principal::Principal;
use crate::Code;
use crate::Error;
use diandan_domain::electorate::RollEntry;
use diandan_domain::roles::{BindingStatus, Relation};
use diandan_store::{ballots, bindings, AnyConnection};
use std::collections::BTreeSet;

pub fn owner_key(
    conn: &mut AnyConnection,
    p: &Principal,
    consultation_id: &str,
    community_id: &str,
    dwelling_id: Option<&str>,
) -> Result<String, Error> {
    let electors = ballots::electors_owned_by(conn, consultation_id, community_id, p.id())?;
    let owned = electors.into_iter().map(|e| (e.dwelling_id, e.owner_key)).collect();
    Ok(pick(conn, p, community_id, dwelling_id, owned)?.0)
}

/// The owner key the caller votes as, that owner's roll entries and the label of their first
/// dwelling (building, unit, room), in one query: what a ballot needs of its owner.
pub fn owner_with_roll(
    conn: &mut AnyConnection,
    p: &Principal,
    consultation_id: &str,
    community_id: &str,
    dwelling_id: Option<&str>,
) -> Result<(String, Vec<RollEntry>, ballots::Label), Error> {
    let rows = ballots::rolls_owned_by(conn, consultation_id, community_id, p.id())?;
    let owned = rows.iter().filter(|(_, _, mine)| *mine).map(|(e, ..)| (e.dwelling_id.clone(), e.owner_key.clone()));
    let (key, _) = pick(conn, p, community_id, dwelling_id, owned.collect())?;
    let theirs: Vec<_> = rows.into_iter().filter(|(e, ..)| e.owner_key == key).collect();
    let label =
        theirs.first().map(|(_, l, _)| l.clone()).ok_or_else(|| Error::internal("the owner's roll is empty"))?;
    Ok((key, theirs.iter().map(|(e, ..)| e.entry()).collect(), label))
}

/// The owner key the caller acts for and the dwelling it is known by (the one named, else the
/// first), from the consultation's roll once voting has opened (`frozen`), else from the
/// current roster (an authorisation given during the announcement).
pub fn owner_dwelling(
    conn: &mut AnyConnection,
    p: &Principal,
    consultation_id: &str,
    community_id: &str,
    dwelling_id: Option<&str>,
    frozen: bool,
) -> Result<(String, String), Error> {
    let owned = if frozen {
        ballots::electors_owned_by(conn, consultation_id, community_id, p.id())?
            .into_iter()
            .map(|e| (e.dwelling_id, e.owner_key))
            .collect()
    } else {
        bindings::owned_dwellings(conn, p.id(), community_id)?
    };
    pick(conn, p, community_id, dwelling_id, owned)
}

/// Of the caller's owned (dwelling, owner key) pairs, the one owner they act for.
fn pick(
    conn: &mut AnyConnection,
    p: &Principal,
    community_id: &str,
    dwelling_id: Option<&str>,
    mut owned: Vec<(String, String)>,
) -> Result<(String, String), Error> {
    if owned.is_empty() {
        return Err(why_not(conn, p, community_id, dwelling_id)?);
    }
    owned.sort();
    if let Some(d) = dwelling_id {
        owned.retain(|(id, _)| id == d);
    }
    let keys: BTreeSet<&String> = owned.iter().map(|(_, k)| k).collect();
    match keys.len() {
        0 => Err(Error::invalid("dwelling_id", "not one of your owned dwellings on this consultation's roll")),
        1 => {
            let (dwelling, key) = owned.swap_remove(0);
            Ok((key, dwelling))
        }
        _ => Err(Error::invalid(
            "dwelling_id",
            "you own dwellings of several owners here: name the dwelling you vote for",
        )
        .with_code(Code::OwnerAmbiguous)),
    }
}

/// Why a resident with no owned dwelling on the roll may not vote (read only then: the ballot
/// itself needs one query to find the owner key).
fn why_not(
    conn: &mut AnyConnection,
    p: &Principal,
    community_id: &str,
    dwelling_id: Option<&str>,
) -> Result<Error, Error> {
    let all = bindings::any_in(conn, p.id(), community_id)?;
    let owns = all.iter().any(|b| b.status == BindingStatus::Approved && b.relation == Relation::Owner);
    Ok(if owns && dwelling_id.is_some() {
        Error::invalid("dwelling_id", "not one of your owned dwellings on this consultation's roll")
    } else if owns {
        Error::new(Code::NotInElectorate, "your dwelling was not on the roll when voting opened")
    } else if all.iter().any(|b| b.status == BindingStatus::Approved) {
        Error::new(Code::NotAnOwner, "only owners vote; your binding here is as an occupant")
    } else if all.iter().any(|b| b.status == BindingStatus::Pending) {
        Error::new(Code::BindingNotVerified, "your claim to a dwelling is waiting for the committee's approval")
    } else {
        Error::new(Code::NotAResident, "bind your dwelling in this community first")
    })
}
