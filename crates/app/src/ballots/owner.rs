//! Which owner a resident votes as: the owner key of their approved owner bindings on the
//! consultation's frozen roll. Refusals carry codes the mini-program can explain.

use crate::principal::Principal;
use crate::Code;
use crate::Error;
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
    let all = bindings::any_in(conn, p.id(), community_id)?;
    let owners: Vec<String> = all
        .iter()
        .filter(|b| b.status == BindingStatus::Approved && b.relation == Relation::Owner)
        .map(|b| b.dwelling_id.clone())
        .collect();
    if owners.is_empty() {
        let err = if all.iter().any(|b| b.status == BindingStatus::Approved) {
            Error::new(Code::NotAnOwner, "only owners vote; your binding here is as an occupant")
        } else if all.iter().any(|b| b.status == BindingStatus::Pending) {
            Error::new(Code::BindingNotVerified, "your claim to a dwelling is waiting for the committee's approval")
        } else {
            Error::new(Code::NotAResident, "bind your dwelling in this community first")
        };
        return Err(err);
    }
    let electors = ballots::electors_for_dwellings(conn, consultation_id, &owners)?;
    let electors: Vec<_> = match dwelling_id {
        Some(d) => electors.into_iter().filter(|e| e.dwelling_id == d).collect(),
        None => electors,
    };
    let keys: BTreeSet<String> = electors.into_iter().map(|e| e.owner_key).collect();
    match keys.len() {
        0 if dwelling_id.is_some() => {
            Err(Error::invalid("dwelling_id", "not one of your owned dwellings on this consultation's roll"))
        }
        0 => Err(Error::new(Code::NotInElectorate, "your dwelling was not on the roll when voting opened")),
        1 => Ok(keys.into_iter().next().expect("one key")),
        _ => Err(Error::invalid(
            "dwelling_id",
            "you own dwellings of several owners here: name the dwelling you vote for",
        )
        .with_code(Code::OwnerAmbiguous)),
    }
}
