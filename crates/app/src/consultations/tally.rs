//! The tally as read: per item and scope instance, totals, participation, support / oppose /
//! abstain by area and headcount, and the outcome with its reasons. Built from the running
//! tally cells (cost independent of the number of ballots).

use crate::ballots::voting::targets_of;
use crate::consultations::cost_shares::{split_units, UnitSplitRows};
use crate::consultations::views::{candidates_of, plan_of};
use crate::Error;
use diandan_domain::area::Area;
use diandan_domain::cost_share::{self, Plan, PAYERS};
use diandan_domain::election;
use diandan_domain::share::{hundredths as cents, percent};
use diandan_domain::tally::{evaluate, Counts, Shortfall, Weight};
use diandan_store::ballots::{self, CellRow};
use diandan_store::consultations::{ConsultationRow, ItemRow};
use diandan_store::{consultations, roster, AnyConnection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use utoipa::ToSchema;

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone, PartialEq, Eq)]
pub struct WeightView {
    /// m², two decimals.
    pub area: String,
    pub headcount: i64,
}

pub fn w(x: Weight) -> WeightView {
    WeightView { area: Area(x.area).to_string(), headcount: x.heads }
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone)]
pub struct InstanceTally {
    /// "community", or the building or unit id.
    pub scope_key: String,
    /// "全小区", "3号楼" or "3号楼 2单元".
    pub label: String,
    pub total: WeightView,
    pub participating: WeightView,
    pub support: WeightView,
    pub oppose: WeightView,
    pub abstain: WeightView,
    /// 双三分之二: participation ≥ 2/3 of area and of headcount.
    pub quorum: bool,
    /// Absent for consultative items.
    pub passed: Option<bool>,
    /// quorum_area | quorum_headcount | approval_area | approval_headcount; on an item with
    /// candidates: quorum_area | quorum_headcount | no_candidate_majority.
    pub reasons: Vec<String>,
    /// On an item with candidates: each candidate's votes (support is the weight of owners who
    /// voted for one of them, oppose of those for none); `passed` says whether one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<CandidateTally>>,
    /// The key of the candidate chosen, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
    /// On an item split by floor (an elevator): the unit's cost, how its owners who pay voted,
    /// and the split per floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_share: Option<UnitCostTally>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone)]
pub struct UnitCostTally {
    /// Yuan: one unit's cost, its subsidy, what its owners pay together.
    pub unit_cost: String,
    pub subsidy: String,
    pub owners_cost: String,
    /// The owners who pay (a dwelling on a floor whose coefficient is above 0), weighed by
    /// the area of their paying dwellings: all of them and how they voted.
    pub payers: PayerTally,
    /// Support among all the payers (not only those who voted), percent with one decimal, by
    /// area and by headcount.
    pub payers_consent_area_percent: Option<String>,
    pub payers_consent_headcount_percent: Option<String>,
    /// The owners' part is above 0 and no floor of the unit pays.
    pub unpayable: bool,
    /// The split summed per floor (no rooms): what each floor pays together.
    pub split: Vec<FloorSplit>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone)]
pub struct PayerTally {
    pub total: WeightView,
    pub participating: WeightView,
    pub support: WeightView,
    pub oppose: WeightView,
    pub abstain: WeightView,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone)]
pub struct FloorSplit {
    pub floor: i32,
    pub coefficient: String,
    pub dwellings: i64,
    /// m².
    pub area: String,
    /// Yuan, the floor's dwellings together.
    pub share: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema, Clone)]
pub struct CandidateTally {
    pub key: String,
    pub name: String,
    pub votes: WeightView,
    pub chosen: bool,
}

#[derive(Debug, Serialize, ToSchema, Clone)]
pub struct ItemTally {
    pub item_id: String,
    pub code: String,
    pub name: String,
    pub category: String,
    pub rule: String,
    pub scope: String,
    pub instances: Vec<InstanceTally>,
    /// Scope instances where the item passed (legal rules) — e.g. units that get an elevator.
    pub passed_instances: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Tally {
    pub consultation_id: String,
    pub state: String,
    pub roll_hash: Option<String>,
    pub menu_hash: Option<String>,
    /// Bulletin head fixed at closing, and the current head (paper ballots confirmed after
    /// closing extend the chain).
    pub closing_head: Option<String>,
    pub bulletin_head: String,
    pub bulletin_entries: i64,
    pub items: Vec<ItemTally>,
}

pub fn reason(s: Shortfall) -> &'static str {
    match s {
        Shortfall::QuorumArea => "quorum_area",
        Shortfall::QuorumHeadcount => "quorum_headcount",
        Shortfall::ApprovalArea => "approval_area",
        Shortfall::ApprovalHeadcount => "approval_headcount",
    }
}

/// "全小区", "3号楼" or "3号楼 2单元" per scope key of the community.
pub fn scope_labels(conn: &mut AnyConnection, community_id: &str) -> Result<HashMap<String, String>, Error> {
    let (buildings, units) = roster::names(conn, community_id)?;
    let bname: HashMap<&str, &str> = buildings.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    let mut labels: HashMap<String, String> = buildings.iter().map(|b| (b.id.clone(), b.name.clone())).collect();
    for u in &units {
        labels
            .insert(u.id.clone(), format!("{} {}", bname.get(u.building_id.as_str()).copied().unwrap_or("?"), u.name));
    }
    labels.insert("community".into(), "全小区".into());
    Ok(labels)
}

pub fn item_tallies(conn: &mut AnyConnection, c: &ConsultationRow, items: &[ItemRow]) -> Result<Vec<ItemTally>, Error> {
    // From closing on, the result fixed at closing (refreshed by late paper ballots); before
    // that, the running cells.
    let closed = c.state.results_visible();
    let cells = if closed { ballots::results(conn, &c.id)? } else { ballots::cells(conn, &c.id)? };
    let labels = scope_labels(conn, &c.community_id)?;
    let mut by_item: HashMap<&str, Vec<&CellRow>> = HashMap::new();
    // Candidates' cells by (item, scope instance): (candidate key, votes).
    let mut votes: HashMap<(&str, &str), HashMap<&str, Weight>> = HashMap::new();
    // Payers' cells of items split by floor, by (item, unit).
    let mut payers: HashMap<(&str, &str), Counts> = HashMap::new();
    for cell in &cells {
        match election::split_cell_key(&cell.scope_key) {
            (scope, Some(PAYERS)) => {
                payers.insert((cell.item_id.as_str(), scope), cell.counts());
            }
            (scope, Some(cand)) => {
                let w = Weight { area: cell.support_area, heads: cell.support_heads };
                votes.entry((cell.item_id.as_str(), scope)).or_default().insert(cand, w);
            }
            (_, None) => by_item.entry(cell.item_id.as_str()).or_default().push(cell),
        }
    }
    // The splits of items split by floor, over the frozen roll.
    let planned: HashMap<&str, Plan> = items.iter().filter_map(|i| plan_of(i).map(|p| (i.id.as_str(), p))).collect();
    let roll = if planned.is_empty() { Vec::new() } else { ballots::roll(conn, &c.id)? };
    let mut splits: HashMap<&str, BTreeMap<String, UnitSplitRows>> = HashMap::new();
    for item in items.iter().filter(|i| planned.contains_key(i.id.as_str())) {
        let plan = &planned[item.id.as_str()];
        splits.insert(item.id.as_str(), split_units(&roll, targets_of(item).as_ref(), plan));
    }
    let mut out = Vec::new();
    for item in items {
        let rule = item.rule;
        let candidates = candidates_of(item);
        let plan = planned.get(item.id.as_str());
        let mut instances: Vec<InstanceTally> = by_item
            .get(item.id.as_str())
            .map(|v| v.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|cell| {
                let counts = cell.counts();
                let mut t = InstanceTally {
                    scope_key: cell.scope_key.clone(),
                    label: labels.get(&cell.scope_key).cloned().unwrap_or_else(|| cell.scope_key.clone()),
                    total: w(counts.total),
                    participating: w(counts.participating()),
                    support: w(counts.support),
                    oppose: w(counts.oppose),
                    abstain: w(counts.abstain),
                    quorum: false,
                    passed: None,
                    reasons: Vec::new(),
                    candidates: None,
                    chosen: None,
                    cost_share: None,
                };
                if let Some(plan) = plan {
                    let paying = payers.get(&(item.id.as_str(), cell.scope_key.as_str())).copied().unwrap_or_default();
                    let split = splits.get(item.id.as_str()).and_then(|m| m.get(&cell.scope_key));
                    t.cost_share = Some(unit_cost_tally(plan, &paying, split));
                }
                if candidates.is_empty() {
                    let o = evaluate(rule, &counts);
                    t.quorum = o.quorum;
                    t.passed = o.passed;
                    t.reasons = o.reasons().into_iter().map(|r| reason(r).to_string()).collect();
                    return t;
                }
                let got = votes.get(&(item.id.as_str(), cell.scope_key.as_str()));
                let of = |k: &str| got.and_then(|m| m.get(k)).copied().unwrap_or_default();
                let tallied: Vec<(String, Weight)> = candidates.iter().map(|c| (c.key.clone(), of(&c.key))).collect();
                let e = election::elect(rule, &counts, &tallied);
                t.quorum = e.quorum;
                t.passed = e.passed;
                t.reasons = e.reasons.iter().map(|r| r.to_string()).collect();
                t.candidates = Some(
                    candidates
                        .iter()
                        .map(|c| CandidateTally {
                            key: c.key.clone(),
                            name: c.name.clone(),
                            votes: w(of(&c.key)),
                            chosen: e.chosen.as_deref() == Some(c.key.as_str()),
                        })
                        .collect(),
                );
                t.chosen = e.chosen;
                t
            })
            .collect();
        instances.sort_by(|a, b| a.label.cmp(&b.label));
        out.push(ItemTally {
            passed_instances: instances.iter().filter(|i| i.passed == Some(true)).count() as i64,
            item_id: item.id.clone(),
            code: item.code.clone(),
            name: item.name.clone(),
            category: item.category.into(),
            rule: item.rule.into(),
            scope: item.scope.into(),
            instances,
        });
    }
    Ok(out)
}

fn unit_cost_tally(plan: &Plan, paying: &Counts, split: Option<&UnitSplitRows>) -> UnitCostTally {
    UnitCostTally {
        unit_cost: cents(plan.unit_cost),
        subsidy: cents(plan.subsidy),
        owners_cost: cents(plan.owners_fen()),
        payers: PayerTally {
            total: w(paying.total),
            participating: w(paying.participating()),
            support: w(paying.support),
            oppose: w(paying.oppose),
            abstain: w(paying.abstain),
        },
        payers_consent_area_percent: percent(paying.support.area, paying.total.area),
        payers_consent_headcount_percent: percent(paying.support.heads, paying.total.heads),
        unpayable: split.is_some_and(|s| s.unpayable),
        split: split
            .map(|s| cost_share::by_floor(&s.shares))
            .unwrap_or_default()
            .into_iter()
            .map(|f| FloorSplit {
                floor: f.floor,
                coefficient: cents(f.coefficient),
                dwellings: f.dwellings,
                area: Area(f.area).to_string(),
                share: cents(f.fen),
            })
            .collect(),
    }
}

pub fn tally(conn: &mut AnyConnection, c: &ConsultationRow) -> Result<Tally, Error> {
    let items = consultations::items(conn, &c.id)?;
    Ok(Tally {
        consultation_id: c.id.clone(),
        state: c.state.into(),
        roll_hash: c.roll_hash.clone(),
        menu_hash: c.menu_hash.clone(),
        closing_head: c.closing_head.clone(),
        bulletin_head: c.bulletin_head.clone(),
        bulletin_entries: c.bulletin_seq,
        items: item_tallies(conn, c, &items)?,
    })
}
