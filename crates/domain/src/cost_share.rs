//! Elevator cost shares (加装电梯, 阶梯出资): how the owners of one unit split what its elevator
//! costs them.
//!
//! The owners' part of a unit's cost is the cost less the subsidy. Each dwelling pays in
//! proportion to its weighted area — floor coefficient × area — so a ground-floor home that the
//! elevator does not serve pays nothing and the top floor pays most. All in integers: fen,
//! 0.01 m² and hundredths of a coefficient.
//!
//! Shares are exact to the fen and add up to the owners' part: each dwelling first gets the
//! whole fen of its exact share (rounded down), then the fen left over (fewer than the number
//! of paying dwellings) go one each to the dwellings with the largest dropped fractions; on
//! equal fractions the higher floor first (it gains most from the elevator), then the dwelling
//! id, so the same roll always gives the same split.

use crate::electorate::{owner_weights, totals, RollEntry, ScopeKind};
use crate::tally::Weight;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// The cost plan of an item split by floor, as stored on the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// What one unit's elevator costs, fen. Each unit the item covers builds its own.
    pub unit_cost: i64,
    /// The subsidy towards one unit's elevator, fen (at most the cost).
    pub subsidy: i64,
    /// (floor, coefficient) sorted by floor.
    pub coefficients: Vec<(i32, Hundredths)>,
    /// Why the table differs from the default, when it does.
    pub reason: Option<String>,
}

impl Plan {
    /// What the owners of one unit pay together.
    pub fn owners_fen(&self) -> i64 {
        self.unit_cost - self.subsidy
    }

    pub fn pays(&self, floor: i32) -> bool {
        coefficient(&self.coefficients, floor) > 0
    }
}

/// The tally cell suffix of a unit's payers (`<unit>~$payers`): not a candidate key, which has
/// no `$`.
pub const PAYERS: &str = "$payers";

fn paying(entries: &[RollEntry], plan: &Plan) -> Vec<RollEntry> {
    entries.iter().filter(|e| plan.pays(e.floor)).cloned().collect()
}

/// One owner's weight among the payers of each covered unit: the area of their dwellings there
/// whose floor pays, and one head if there is any.
pub fn payer_weights(
    entries: &[RollEntry],
    targets: Option<&HashSet<String>>,
    plan: &Plan,
) -> BTreeMap<String, Weight> {
    owner_weights(&paying(entries, plan), ScopeKind::Unit, targets)
}

/// All payers of each covered unit.
pub fn payer_totals(roll: &[RollEntry], targets: Option<&HashSet<String>>, plan: &Plan) -> BTreeMap<String, Weight> {
    totals(&paying(roll, plan), ScopeKind::Unit, targets)
}

/// Coefficients are hundredths: 70 is 0.70.
pub type Hundredths = i64;

/// The highest coefficient accepted (5.00), and the floors a table may list.
pub const MAX_COEFFICIENT: Hundredths = 500;
pub const MAX_FLOOR: i32 = 60;

/// The usual table: floors 1–2 pay nothing, floor 3 pays 0.70, and each floor above 0.10 more
/// (0.80, 0.90, 1.00, 1.10 …).
pub fn default_coefficient(floor: i32) -> Hundredths {
    if floor <= 2 {
        0
    } else {
        70 + 10 * (floor as i64 - 3)
    }
}

/// The default table for floors 1 to `top` (at least floor 1).
pub fn default_table(top: i32) -> Vec<(i32, Hundredths)> {
    (1..=top.clamp(1, MAX_FLOOR)).map(|f| (f, default_coefficient(f))).collect()
}

/// A floor's coefficient in `table` (sorted by floor): the floor's own row; a floor below the
/// first row (a basement, floor 0) pays as the first; above the last, as the last.
pub fn coefficient(table: &[(i32, Hundredths)], floor: i32) -> Hundredths {
    match table.binary_search_by_key(&floor, |(f, _)| *f) {
        Ok(i) => table[i].1,
        Err(0) => table.first().map_or(0, |r| r.1),
        Err(i) => table[i - 1].1,
    }
}

/// What is wrong with a table, by field.
pub fn check_table(table: &[(i32, Hundredths)]) -> Vec<String> {
    let mut errors = Vec::new();
    if table.is_empty() {
        errors.push("list at least one floor".to_string());
    }
    let mut seen = std::collections::HashSet::new();
    for (floor, c) in table {
        if !(1..=MAX_FLOOR).contains(floor) {
            errors.push(format!("floor {floor}: floors are 1–{MAX_FLOOR}"));
        }
        if !(0..=MAX_COEFFICIENT).contains(c) {
            errors.push(format!("floor {floor}: a coefficient is 0.00–5.00"));
        }
        if !seen.insert(*floor) {
            errors.push(format!("floor {floor} is listed twice"));
        }
    }
    errors
}

/// Whether `table` gives every floor from 1 to its last row what the default table gives.
pub fn is_default(table: &[(i32, Hundredths)]) -> bool {
    let top = table.last().map_or(1, |r| r.0);
    let mut sorted = table.to_vec();
    sorted.sort();
    sorted == default_table(top)
}

/// One dwelling of the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub key: String,
    pub floor: i32,
    /// 0.01 m².
    pub area: i64,
}

/// A dwelling's share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub key: String,
    pub floor: i32,
    pub area: i64,
    pub coefficient: Hundredths,
    /// Coefficient × area, in 0.0001 m².
    pub weighted: i64,
    /// Fen.
    pub fen: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("no dwelling of the unit has a coefficient above 0, so no one would pay the owners' part")]
    NoPayers,
}

/// Splits `owners_fen` over `homes` by coefficient × area, exact to the fen (see the module).
pub fn split(owners_fen: i64, homes: &[Home], table: &[(i32, Hundredths)]) -> Result<Vec<Share>, SplitError> {
    let mut shares: Vec<Share> = homes
        .iter()
        .map(|h| {
            let c = coefficient(table, h.floor);
            Share { key: h.key.clone(), floor: h.floor, area: h.area, coefficient: c, weighted: c * h.area, fen: 0 }
        })
        .collect();
    let total: i128 = shares.iter().map(|s| s.weighted as i128).sum();
    if owners_fen == 0 {
        return Ok(shares);
    }
    if total == 0 {
        return Err(SplitError::NoPayers);
    }
    let mut remainders: Vec<(i128, i32, String, usize)> = Vec::with_capacity(shares.len());
    let mut given = 0i64;
    for (i, s) in shares.iter_mut().enumerate() {
        let exact = owners_fen as i128 * s.weighted as i128;
        s.fen = (exact / total) as i64;
        given += s.fen;
        remainders.push((exact % total, s.floor, s.key.clone(), i));
    }
    // Largest dropped fraction first; then the higher floor; then the dwelling id.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (_, _, _, i) in remainders.into_iter().take((owners_fen - given) as usize) {
        shares[i].fen += 1;
    }
    Ok(shares)
}

/// The split summed per floor (what the demand list gives designers: no rooms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloorShare {
    pub floor: i32,
    pub coefficient: Hundredths,
    pub dwellings: i64,
    pub area: i64,
    pub fen: i64,
}

pub fn by_floor(shares: &[Share]) -> Vec<FloorShare> {
    let mut out: BTreeMap<i32, FloorShare> = BTreeMap::new();
    for s in shares {
        let f = out.entry(s.floor).or_insert(FloorShare {
            floor: s.floor,
            coefficient: s.coefficient,
            dwellings: 0,
            area: 0,
            fen: 0,
        });
        f.dwellings += 1;
        f.area += s.area;
        f.fen += s.fen;
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home(key: &str, floor: i32, area: i64) -> Home {
        Home { key: key.into(), floor, area }
    }

    #[test]
    fn the_default_table_and_floors_outside_it() {
        let t = default_table(7);
        assert_eq!(t, vec![(1, 0), (2, 0), (3, 70), (4, 80), (5, 90), (6, 100), (7, 110)]);
        assert_eq!(coefficient(&t, 0), 0);
        assert_eq!(coefficient(&t, 9), 110);
        assert_eq!(coefficient(&[(3, 50), (6, 120)], 4), 50);
        assert!(is_default(&t));
        assert!(!is_default(&[(1, 0), (2, 10)]));
        assert!(check_table(&t).is_empty());
        assert_eq!(check_table(&[(0, 10), (2, 501), (2, 0)]).len(), 3);
    }

    #[test]
    fn shares_follow_coefficient_times_area_and_add_up_to_the_fen() {
        // A six-floor unit, two homes a floor: 60.00 m² and 75.50 m².
        let homes: Vec<Home> =
            (1..=6).flat_map(|f| [home(&format!("{f}01"), f, 6000), home(&format!("{f}02"), f, 7550)]).collect();
        let t = default_table(6);
        // 700,000.00 yuan, 400,000.00 subsidy: the owners pay 300,000.00.
        let s = split(30_000_000, &homes, &t).unwrap();
        assert_eq!(s.iter().map(|x| x.fen).sum::<i64>(), 30_000_000);
        // Floors 1 and 2 pay nothing.
        assert!(s.iter().filter(|x| x.floor <= 2).all(|x| x.fen == 0));
        // Weighted area: Σ (0.7+0.8+0.9+1.0) × 135.50 = 460.70 m²; 301 on floor 6 is
        // 1.0 × 60.00 = 60.00 m² → 300,000 × 60 / 460.7 = 39,070.978… yuan: 3,907,097 fen and
        // one of the 3 leftover fen (its fraction, .89, is among the three largest).
        let top = s.iter().find(|x| x.key == "601").unwrap();
        assert_eq!(top.weighted, 600_000);
        assert_eq!(top.fen, 3_907_098);
        let f3 = s.iter().find(|x| x.key == "301").unwrap();
        // 0.7 × 60.00 = 42.00 m²: 27,349.685… yuan, 2,734,968 fen and a leftover fen.
        assert_eq!(f3.fen, 2_734_969);
        let floors = by_floor(&s);
        assert_eq!(floors.len(), 6);
        assert_eq!(floors[5].dwellings, 2);
        assert_eq!(floors.iter().map(|f| f.fen).sum::<i64>(), 30_000_000);
    }

    #[test]
    fn leftover_fen_go_to_the_largest_fractions_then_the_higher_floor() {
        // Three equal homes and 1.00 yuan: 33 fen each, one fen left; equal fractions, so the
        // highest floor gets it.
        let t = [(1, 100)];
        let homes = [home("a", 3, 5000), home("b", 5, 5000), home("c", 4, 5000)];
        let s = split(100, &homes, &t).unwrap();
        assert_eq!(s.iter().map(|x| (x.key.as_str(), x.fen)).collect::<Vec<_>>(), [("a", 33), ("b", 34), ("c", 33)]);
        // Same floor: the dwelling id decides.
        let homes = [home("y", 2, 5000), home("x", 2, 5000), home("z", 2, 5000)];
        let s = split(200, &homes, &t).unwrap();
        assert_eq!(s.iter().map(|x| (x.key.as_str(), x.fen)).collect::<Vec<_>>(), [("y", 67), ("x", 67), ("z", 66)]);
        // Different fractions: 2 fen over 1/3 and 2/3 weights gives 0.666 and 1.333 → 1 and 1.
        let homes = [home("p", 1, 100), home("q", 1, 200)];
        let s = split(2, &homes, &t).unwrap();
        assert_eq!(s.iter().map(|x| x.fen).collect::<Vec<_>>(), [1, 1]);
    }

    #[test]
    fn nothing_to_pay_and_no_one_to_pay_it() {
        let homes = [home("a", 1, 5000), home("b", 2, 6000)];
        let t = default_table(6);
        assert!(split(0, &homes, &t).unwrap().iter().all(|x| x.fen == 0));
        assert_eq!(split(1, &homes, &t), Err(SplitError::NoPayers));
        // The largest amounts stay exact (i128 inside).
        let homes = [home("a", 6, 99_999_999), home("b", 3, 1)];
        let s = split(99_999_999_999, &homes, &t).unwrap();
        assert_eq!(s.iter().map(|x| x.fen).sum::<i64>(), 99_999_999_999);
    }
}
