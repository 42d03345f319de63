//! A member reads the turnout of a consultation, while voting and after: the community figure
//! for every member, every building and unit for the committee and admins.

use crate::consultations::tally::WeightView;
use crate::consultations::views::{load, require_reader};
use crate::principal::principal;
use crate::{Actor, Context, Error};
use diandan_domain::area::Area;
use diandan_domain::roles::Role;
use diandan_domain::roster::AreaSource;
use diandan_store::ballots;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The ways a ballot comes, in the order the turnout lists them.
pub const CHANNELS: [&str; 3] = ["online", "paper", "proxy"];
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Turnout {
    /// "全小区", "3号楼" or "3号楼 2单元".
    pub label: String,
    pub scope_key: String,
    pub total: WeightView,
    pub voted: WeightView,
}

/// How much of the roll's area comes from one source.
#[derive(Debug, Serialize, ToSchema)]
pub struct AreaSourceView {
    /// registered (不动产登记) | surveyed (实测) | contract (合同) | given (the roster's plain area)
    pub source: String,
    pub dwellings: i64,
    /// m², two decimals.
    pub area: String,
}

/// How the counting ballots came: owners and their area per channel.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelView {
    /// online | paper | proxy (cast by a confirmed proxy, 委托投票)
    pub channel: String,
    pub owners: i64,
    /// m², two decimals.
    pub area: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Participation {
    pub community: Turnout,
    /// The owners who took part in the whole community by the channel of their counting ballot
    /// (the channels present only, in the order online, paper, proxy).
    pub channels: Vec<ChannelView>,
    /// The roll's area by where it comes from, in the SPC's order (register, survey, contract,
    /// then a roster's plain area): the sources present only.
    pub area_sources: Vec<AreaSourceView>,
    /// Per building and per unit: for the committee and admins only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buildings: Option<Vec<Turnout>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<Turnout>>,
}

#[derive(Default)]
struct Acc {
    owners: BTreeSet<String>,
    voted: BTreeSet<String>,
    area: i64,
    voted_area: i64,
}

fn turnout(label: String, scope_key: String, a: &Acc) -> Turnout {
    Turnout {
        label,
        scope_key,
        total: WeightView { area: Area(a.area).to_string(), headcount: a.owners.len() as i64 },
        voted: WeightView { area: Area(a.voted_area).to_string(), headcount: a.voted.len() as i64 },
    }
}

/// Owners (and area) with a counting ballot on consultation `id`.
pub fn read_participation(ctx: &Context, actor: &Actor, id: &str) -> Result<Participation, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        let channel_of: HashMap<String, String> = ballots::voted_channels(c, &cons.id)?.into_iter().collect();
        let lines = ballots::roll_lines(c, &cons.id)?;
        let mut channels: BTreeMap<usize, (BTreeSet<String>, i64)> = BTreeMap::new();
        let mut all = Acc::default();
        let mut sources: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
        let mut per_building: BTreeMap<(String, String), Acc> = BTreeMap::new();
        let mut per_unit: BTreeMap<(String, String), Acc> = BTreeMap::new();
        for l in &lines {
            let rank =
                AreaSource::ALL.iter().position(|s| s.as_str() == l.area_source).unwrap_or(AreaSource::ALL.len());
            let s = sources.entry(rank).or_default();
            s.0 += 1;
            s.1 += l.area_centi;
            let v = channel_of.contains_key(&l.owner_key);
            if let Some(ch) = channel_of.get(&l.owner_key) {
                let e = channels.entry(CHANNELS.iter().position(|c| c == ch).unwrap_or(CHANNELS.len())).or_default();
                e.0.insert(l.owner_key.clone());
                e.1 += l.area_centi;
            }
            for acc in [
                &mut all,
                per_building.entry((l.building.clone(), l.building_id.clone())).or_default(),
                per_unit.entry((format!("{} {}", l.building, l.unit), l.unit_id.clone())).or_default(),
            ] {
                acc.owners.insert(l.owner_key.clone());
                acc.area += l.area_centi;
                if v {
                    acc.voted.insert(l.owner_key.clone());
                    acc.voted_area += l.area_centi;
                }
            }
        }
        let detail = p.has(&[Role::Admin, Role::Committee], &comm);
        Ok(Participation {
            community: turnout("全小区".into(), "community".into(), &all),
            channels: channels
                .into_iter()
                .map(|(rank, (owners, area))| ChannelView {
                    channel: CHANNELS.get(rank).copied().unwrap_or("unknown").into(),
                    owners: owners.len() as i64,
                    area: Area(area).to_string(),
                })
                .collect(),
            area_sources: sources
                .into_iter()
                .map(|(rank, (dwellings, area))| AreaSourceView {
                    source: AreaSource::ALL.get(rank).map_or("unknown", |s| s.as_str()).into(),
                    dwellings,
                    area: Area(area).to_string(),
                })
                .collect(),
            buildings: detail
                .then(|| per_building.iter().map(|((l, k), a)| turnout(l.clone(), k.clone(), a)).collect()),
            units: detail.then(|| per_unit.iter().map(|((l, k), a)| turnout(l.clone(), k.clone(), a)).collect()),
        })
    })
}
