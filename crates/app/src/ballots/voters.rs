//! The committee lists who has voted (never how) and who has not yet, with room, name and phone
//! for its door-to-door visits (入户).

use crate::consultations::views::{load, require_manager};
use crate::principal::principal;
use crate::{Actor, Context, Error};
use diandan_store::ballots;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct VotersQuery {
    /// true: only owners who voted; false: only those who have not (default: all).
    pub voted: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Voter {
    pub owner_key: String,
    pub voted: bool,
    /// How the counting ballot came: online | paper | proxy; None while the owner has not voted.
    pub channel: Option<String>,
    /// "3号楼 2单元 602", one per dwelling of the owner.
    pub dwellings: Vec<String>,
    pub owner_name: Option<String>,
    /// The roster phone, in full: this list exists for the committee to call on owners.
    pub phone: Option<String>,
}

/// The owners on the frozen roll of consultation `id`, by first dwelling, filtered by `q.voted`.
pub fn list_voters(ctx: &Context, actor: &Actor, id: &str, q: &VotersQuery) -> Result<Vec<Voter>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        let channel: HashMap<String, String> = ballots::voted_channels(c, &cons.id)?.into_iter().collect();
        let mut owners: BTreeMap<String, Voter> = BTreeMap::new();
        for l in ballots::roll_lines(c, &cons.id)? {
            let v = owners.entry(l.owner_key.clone()).or_insert_with(|| Voter {
                voted: channel.contains_key(&l.owner_key),
                channel: channel.get(&l.owner_key).cloned(),
                owner_key: l.owner_key.clone(),
                dwellings: Vec::new(),
                owner_name: l.owner_name.clone(),
                phone: l.phone.clone(),
            });
            v.dwellings.push(format!("{} {} {}", l.building, l.unit, l.room));
        }
        let mut list: Vec<Voter> =
            owners.into_values().filter(|v| q.voted.is_none_or(|want| v.voted == want)).collect();
        list.sort_by(|a, b| a.dwellings.first().cmp(&b.dwellings.first()));
        Ok(list)
    })
}
