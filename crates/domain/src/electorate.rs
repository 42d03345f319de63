//! The frozen roll of a consultation and how it weighs owners in a scope instance.
//!
//! A scope instance is the whole community, one building or one unit. An owner's weight in an
//! instance is the sum of the registered areas of their dwellings inside it, and one head if
//! they have any; the instance's total is the same over all owners. Dwellings outside the
//! instance do not count there, and developer-held dwellings share one owner key (one head).

use crate::tally::Weight;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};

crate::wire_enum! {
    pub enum ScopeKind {
        Community = "community",
        Building = "building",
        Unit = "unit",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollEntry {
    pub dwelling_id: String,
    pub building_id: String,
    pub unit_id: String,
    pub owner_key: String,
    /// 0.01 m².
    pub area: i64,
    /// The floor the dwelling is on (what an elevator's cost share weighs).
    pub floor: i32,
}

/// The key of the instance `e` falls in for this scope kind: "community", or the building or
/// unit id.
pub fn instance_key(e: &RollEntry, kind: ScopeKind) -> &str {
    match kind {
        ScopeKind::Community => "community",
        ScopeKind::Building => &e.building_id,
        ScopeKind::Unit => &e.unit_id,
    }
}

/// Which instances an item covers: None means every building (or unit) of the community.
pub fn covered(key: &str, kind: ScopeKind, targets: Option<&HashSet<String>>) -> bool {
    kind == ScopeKind::Community || targets.is_none_or(|t| t.contains(key))
}

/// One owner's weight per covered instance, from that owner's roll entries.
pub fn owner_weights(
    entries: &[RollEntry],
    kind: ScopeKind,
    targets: Option<&HashSet<String>>,
) -> BTreeMap<String, Weight> {
    let mut out: BTreeMap<String, Weight> = BTreeMap::new();
    for e in entries {
        let key = instance_key(e, kind);
        if covered(key, kind, targets) {
            let w = out.entry(key.to_string()).or_default();
            w.area += e.area;
            w.heads = 1;
        }
    }
    out
}

/// Total weight per covered instance: area of all dwellings, heads = distinct owner keys.
pub fn totals(roll: &[RollEntry], kind: ScopeKind, targets: Option<&HashSet<String>>) -> BTreeMap<String, Weight> {
    let mut area: BTreeMap<String, i64> = BTreeMap::new();
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for e in roll {
        let key = instance_key(e, kind);
        if covered(key, kind, targets) {
            *area.entry(key.to_string()).or_default() += e.area;
            owners.entry(key.to_string()).or_default().insert(&e.owner_key);
        }
    }
    area.into_iter()
        .map(|(k, a)| {
            let heads = owners.get(&k).map_or(0, |s| s.len() as i64);
            (k, Weight { area: a, heads })
        })
        .collect()
}

/// SHA-256 over the roll in dwelling order, one line per dwelling: a later roster edit cannot
/// change a running vote without changing this fingerprint.
pub fn fingerprint(roll: &[RollEntry]) -> String {
    let mut sorted: Vec<&RollEntry> = roll.iter().collect();
    sorted.sort_by(|a, b| a.dwelling_id.cmp(&b.dwelling_id));
    let mut h = Sha256::new();
    for e in sorted {
        let line =
            format!("{}|{}|{}|{}|{}|{}\n", e.dwelling_id, e.building_id, e.unit_id, e.owner_key, e.area, e.floor);
        h.update(line.as_bytes());
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::DEVELOPER_OWNER_KEY;

    fn e(d: &str, b: &str, u: &str, owner: &str, area: i64) -> RollEntry {
        RollEntry {
            dwelling_id: d.into(),
            building_id: b.into(),
            unit_id: u.into(),
            owner_key: owner.into(),
            area,
            floor: 1,
        }
    }

    fn roll() -> Vec<RollEntry> {
        vec![
            e("d1", "B1", "U1", "alice", 5000),
            e("d2", "B1", "U1", "alice", 5000),
            e("d3", "B1", "U1", "bob", 6000),
            e("d4", "B1", "U2", "alice", 7000),
            e("d5", "B1", "U2", DEVELOPER_OWNER_KEY, 8000),
            e("d6", "B2", "U3", DEVELOPER_OWNER_KEY, 8000),
            e("d7", "B2", "U3", "carol", 4000),
        ]
    }

    #[test]
    fn multi_dwelling_owner_counts_once_per_instance_with_summed_area() {
        let t = totals(&roll(), ScopeKind::Unit, None);
        assert_eq!(t["U1"], Weight { area: 16000, heads: 2 });
        assert_eq!(t["U2"], Weight { area: 15000, heads: 2 });
        let alice: Vec<RollEntry> = roll().into_iter().filter(|x| x.owner_key == "alice").collect();
        let w = owner_weights(&alice, ScopeKind::Unit, None);
        assert_eq!(w["U1"], Weight { area: 10000, heads: 1 });
        assert_eq!(w["U2"], Weight { area: 7000, heads: 1 });
        assert!(!w.contains_key("U3"));
    }

    #[test]
    fn developer_held_dwellings_are_one_person() {
        let t = totals(&roll(), ScopeKind::Community, None);
        // Owners: alice, bob, developer, carol.
        assert_eq!(t["community"], Weight { area: 43000, heads: 4 });
        let dev: Vec<RollEntry> = roll().into_iter().filter(|x| x.owner_key == DEVELOPER_OWNER_KEY).collect();
        assert_eq!(owner_weights(&dev, ScopeKind::Community, None)["community"], Weight { area: 16000, heads: 1 });
    }

    #[test]
    fn an_owner_inside_and_outside_the_scope_weighs_only_inside() {
        let targets: HashSet<String> = ["U2".to_string()].into();
        let alice: Vec<RollEntry> = roll().into_iter().filter(|x| x.owner_key == "alice").collect();
        let w = owner_weights(&alice, ScopeKind::Unit, Some(&targets));
        assert_eq!(w.len(), 1);
        assert_eq!(w["U2"], Weight { area: 7000, heads: 1 });
        let bob: Vec<RollEntry> = roll().into_iter().filter(|x| x.owner_key == "bob").collect();
        assert!(owner_weights(&bob, ScopeKind::Unit, Some(&targets)).is_empty());
        let t = totals(&roll(), ScopeKind::Building, Some(&["B2".to_string()].into()));
        assert_eq!(t.len(), 1);
        assert_eq!(t["B2"], Weight { area: 12000, heads: 2 });
    }

    #[test]
    fn fingerprint_ignores_order_and_sees_edits() {
        let mut r = roll();
        let f = fingerprint(&r);
        r.reverse();
        assert_eq!(fingerprint(&r), f);
        r[0].area += 1;
        assert_ne!(fingerprint(&r), f);
    }
}
