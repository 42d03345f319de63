//! Elevator cost shares (阶梯出资): the plan an item split by floor carries, and each unit's
//! split over its dwellings — the committee sees every dwelling's share, an owner their own
//! before they vote. The split follows `diandan_domain::cost_share`; it is computed over the
//! register as it stands until voting opens and over the frozen roll from then on.

use crate::ballots::voting::targets_of;
use crate::consultations::items::hundredths;
use crate::consultations::tally::scope_labels;
use crate::consultations::views::{load, plan_of, require_manager, require_reader};
use crate::principal::principal;
use crate::{Actor, Context, Error, FieldError};
use diandan_domain::area::Area;
use diandan_domain::cost_share::{self, Hundredths, Plan, Share};
use diandan_domain::electorate::{covered, RollEntry, ScopeKind};
use diandan_domain::limits;
use diandan_domain::share::hundredths as yuan;
use diandan_store::ballots::SplitBasis;
use diandan_store::consultations::{self, ConsultationRow, ItemRow};
use diandan_store::{ballots, bindings, AnyConnection};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

/// How leftover fen are placed; the same sentence the API documents.
pub const REMAINDER_RULE: &str = "each dwelling pays the whole fen of its exact share; the fen left over go one each \
     to the dwellings with the largest dropped fractions, on equal fractions the higher floor first, then the \
     dwelling id";

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CoefficientView {
    pub floor: i32,
    /// Two decimals, 0.00–5.00 ("0.70").
    pub coefficient: String,
}

/// An elevator's cost and how its owners split it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CostPlanInput {
    /// What one unit's elevator costs, yuan ("700000.00"); each unit the item covers builds its
    /// own and splits its own.
    pub unit_cost: String,
    /// The subsidy towards one unit's elevator, yuan (default 0; at most the cost).
    pub subsidy: Option<String>,
    /// Floor coefficients; omitted: the default table (floors 1–2 pay 0, floor 3 0.70, then
    /// 0.10 more per floor) up to the highest floor of the units covered. A floor below the
    /// first listed pays as the first, above the last as the last.
    pub coefficients: Option<Vec<CoefficientView>>,
    /// Required when the coefficients differ from the default table.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct CostPlanView {
    /// One unit's cost, its subsidy, and what its owners pay together (cost − subsidy), yuan.
    pub unit_cost: String,
    pub subsidy: String,
    pub owners_cost: String,
    pub coefficients: Vec<CoefficientView>,
    pub reason: Option<String>,
}

pub fn plan_view(p: &Plan) -> CostPlanView {
    CostPlanView {
        unit_cost: yuan(p.unit_cost),
        subsidy: yuan(p.subsidy),
        owners_cost: yuan(p.owners_fen()),
        coefficients: p
            .coefficients
            .iter()
            .map(|(f, c)| CoefficientView { floor: *f, coefficient: yuan(*c) })
            .collect(),
        reason: p.reason.clone(),
    }
}

/// Checks `input` for an item over `units` of the community (None: all); field errors are
/// named `cost_plan.*`.
pub fn parse_plan(
    c: &mut AnyConnection,
    community_id: &str,
    units: Option<&HashSet<String>>,
    input: &CostPlanInput,
) -> Result<Result<Plan, Vec<FieldError>>, Error> {
    let mut errors = Vec::new();
    let money = |field: &str, text: &str, errors: &mut Vec<FieldError>| {
        hundredths(text, limits::MONEY_MAX_HUNDREDTHS - 1).or_else(|| {
            errors.push(FieldError::new(field, "must be yuan with at most two decimals"));
            None
        })
    };
    let cost = money("cost_plan.unit_cost", &input.unit_cost, &mut errors);
    let subsidy = match input.subsidy.as_deref() {
        None => Some(0),
        Some(t) => money("cost_plan.subsidy", t, &mut errors),
    };
    if let (Some(c), Some(s)) = (cost, subsidy) {
        if c == 0 {
            errors.push(FieldError::new("cost_plan.unit_cost", "must be above 0"));
        }
        if s > c {
            errors.push(FieldError::new("cost_plan.subsidy", "may not exceed the unit's cost"));
        }
    }
    let table: Vec<(i32, Hundredths)> = match &input.coefficients {
        None => {
            let top = ballots::split_basis(c, SplitBasis::Register(community_id))?
                .0
                .iter()
                .filter(|e| covered(&e.unit_id, ScopeKind::Unit, units))
                .map(|e| e.floor)
                .max()
                .unwrap_or(1);
            cost_share::default_table(top)
        }
        Some(rows) => {
            let mut t = Vec::with_capacity(rows.len());
            for r in rows {
                match hundredths(&r.coefficient, cost_share::MAX_COEFFICIENT) {
                    Some(v) => t.push((r.floor, v)),
                    None => errors.push(FieldError::new(
                        "cost_plan.coefficients",
                        format!("floor {}: a coefficient is 0.00–5.00 with at most two decimals", r.floor),
                    )),
                }
            }
            errors
                .extend(cost_share::check_table(&t).into_iter().map(|m| FieldError::new("cost_plan.coefficients", m)));
            t.sort();
            t
        }
    };
    let reason = limits::RULE_REASON.check_optional(input.reason.as_deref()).unwrap_or_else(|m| {
        errors.push(FieldError::new("cost_plan.reason", m));
        None
    });
    if !cost_share::is_default(&table) && reason.is_none() && errors.is_empty() {
        errors.push(FieldError::new(
            "cost_plan.reason",
            "give the reason for floor coefficients other than the default table",
        ));
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(Plan { unit_cost: cost.unwrap_or(0), subsidy: subsidy.unwrap_or(0), coefficients: table, reason }))
}

/// One unit's split: the shares of its dwellings in dwelling-id order, or none when its
/// owners' part is above 0 and no floor of it pays (`unpayable`).
pub struct UnitSplitRows {
    pub shares: Vec<Share>,
    pub unpayable: bool,
}

/// The split of every unit `plan` covers, over `basis`.
pub fn split_units(
    basis: &[RollEntry],
    targets: Option<&HashSet<String>>,
    plan: &Plan,
) -> BTreeMap<String, UnitSplitRows> {
    let mut homes: BTreeMap<&str, Vec<cost_share::Home>> = BTreeMap::new();
    for e in basis.iter().filter(|e| covered(&e.unit_id, ScopeKind::Unit, targets)) {
        homes.entry(&e.unit_id).or_default().push(cost_share::Home {
            key: e.dwelling_id.clone(),
            floor: e.floor,
            area: e.area,
        });
    }
    homes
        .into_iter()
        .map(|(unit, mut h)| {
            h.sort_by(|a, b| a.key.cmp(&b.key));
            let split = match cost_share::split(plan.owners_fen(), &h, &plan.coefficients) {
                Ok(shares) => UnitSplitRows { shares, unpayable: false },
                Err(cost_share::SplitError::NoPayers) => UnitSplitRows { shares: Vec::new(), unpayable: true },
            };
            (unit.to_owned(), split)
        })
        .collect()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DwellingShare {
    pub dwelling_id: String,
    pub room: String,
    pub floor: i32,
    /// m², two decimals.
    pub area: String,
    pub coefficient: String,
    /// Yuan, exact to the fen.
    pub share: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UnitSplit {
    pub unit_id: String,
    /// "3号楼 2单元".
    pub label: String,
    pub unit_cost: String,
    pub subsidy: String,
    pub owners_cost: String,
    /// Dwellings of the unit, and those whose floor pays.
    pub dwellings: i64,
    pub paying_dwellings: i64,
    /// Σ coefficient × area of the unit, m² with two decimals (what one yuan per weighted m²
    /// is reckoned on).
    pub weighted_area: String,
    /// The owners' part is above 0 and no floor of the unit pays: it cannot be split.
    pub unpayable: bool,
    /// Every dwelling's share (the committee); the caller's own dwellings (an owner).
    pub shares: Vec<DwellingShare>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemSplit {
    pub item_id: String,
    pub code: String,
    pub name: String,
    pub plan: CostPlanView,
    pub units: Vec<UnitSplit>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CostShares {
    pub consultation_id: String,
    /// register (before voting opens: the dwellings as they stand) | roll (the roll frozen at
    /// opening).
    pub basis: String,
    /// How the fen left over by rounding are placed.
    pub remainder_rule: String,
    pub items: Vec<ItemSplit>,
}

/// Every dwelling's share of every item split by floor (the committee, the district's admin).
pub fn cost_shares(ctx: &Context, actor: &Actor, id: &str) -> Result<CostShares, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        build(c, &cons, None)
    })
}

/// The caller's own shares, for the dwellings they own that an item split by floor covers.
pub fn my_cost_shares(ctx: &Context, actor: &Actor, id: &str) -> Result<CostShares, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        // Every dwelling of the owners the caller is (an owner of 501 and 502 bound by 501 pays
        // for both, as they vote for both).
        let mine: HashSet<String> = if cons.state.roll_frozen() {
            ballots::electors_owned_by(c, &cons.id, &comm.id, p.id())?.into_iter().map(|e| e.owner_key).collect()
        } else {
            bindings::owned_dwellings(c, p.id(), &comm.id)?.into_iter().map(|(_, k)| k).collect()
        };
        build(c, &cons, Some(&mine))
    })
}

/// The splits of `cons`; with `only` (owner keys), the units holding a dwelling of one of those
/// owners and only those dwellings' shares.
fn build(c: &mut AnyConnection, cons: &ConsultationRow, only: Option<&HashSet<String>>) -> Result<CostShares, Error> {
    let items: Vec<ItemRow> =
        consultations::items(c, &cons.id)?.into_iter().filter(|i| i.cost_plan.is_some()).collect();
    let frozen = cons.state.roll_frozen();
    let (entries, rooms) = if items.is_empty() {
        Default::default()
    } else {
        let basis = if frozen { SplitBasis::Roll(&cons.id) } else { SplitBasis::Register(&cons.community_id) };
        ballots::split_basis(c, basis)?
    };
    let owners: HashMap<&str, &str> = entries.iter().map(|e| (e.dwelling_id.as_str(), e.owner_key.as_str())).collect();
    let theirs = |dwelling: &str| only.is_none_or(|o| owners.get(dwelling).is_some_and(|k| o.contains(*k)));
    let mut by_unit: HashMap<&str, Vec<&RollEntry>> = HashMap::new();
    for e in &entries {
        by_unit.entry(e.unit_id.as_str()).or_default().push(e);
    }
    let labels = scope_labels(c, &cons.community_id)?;
    let mut out = Vec::new();
    for item in &items {
        let Some(plan) = plan_of(item) else { continue };
        let mut units = Vec::new();
        for (unit_id, split) in split_units(&entries, targets_of(item).as_ref(), &plan) {
            let in_unit = by_unit.get(unit_id.as_str()).map(Vec::as_slice).unwrap_or_default();
            if !in_unit.iter().any(|e| theirs(&e.dwelling_id)) {
                continue;
            }
            let weighted: i64 = split.shares.iter().map(|s| s.weighted).sum();
            units.push(UnitSplit {
                label: labels.get(&unit_id).cloned().unwrap_or_else(|| unit_id.clone()),
                unit_cost: yuan(plan.unit_cost),
                subsidy: yuan(plan.subsidy),
                owners_cost: yuan(plan.owners_fen()),
                dwellings: in_unit.len() as i64,
                paying_dwellings: in_unit.iter().filter(|e| plan.pays(e.floor)).count() as i64,
                // 0.0001 m² to 0.01 m², half up.
                weighted_area: Area((weighted + 50) / 100).to_string(),
                unpayable: split.unpayable,
                shares: split
                    .shares
                    .iter()
                    .filter(|s| theirs(&s.key))
                    .map(|s| DwellingShare {
                        dwelling_id: s.key.clone(),
                        room: rooms.get(&s.key).cloned().unwrap_or_default(),
                        floor: s.floor,
                        area: Area(s.area).to_string(),
                        coefficient: yuan(s.coefficient),
                        share: yuan(s.fen),
                    })
                    .collect(),
                unit_id,
            });
        }
        units.sort_by(|a, b| a.label.cmp(&b.label));
        if only.is_some() && units.is_empty() {
            continue;
        }
        out.push(ItemSplit {
            item_id: item.id.clone(),
            code: item.code.clone(),
            name: item.name.clone(),
            plan: plan_view(&plan),
            units,
        });
    }
    Ok(CostShares {
        consultation_id: cons.id.clone(),
        basis: if frozen { "roll" } else { "register" }.into(),
        remainder_rule: REMAINDER_RULE.into(),
        items: out,
    })
}
