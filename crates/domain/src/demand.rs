//! Demand lists (需求清单): what designers get from a published consultation. The ranking rule
//! and the aggregation of the owners' priorities, co-pay willingness and comments live here.
//!
//! Ranking: items the committee approved first, then 先民生、后提升 (basic, improvement,
//! enhancement), then by support (share of the participating area, then of the participating
//! headcount), then by code so that the order is total.

use crate::ballot::{priority_points, Choices, CoPay};
use crate::catalog::Category;
use crate::scrub::Scrubber;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Co-pay answers per band, counted in owners.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoPayCounts {
    pub no: u64,
    pub yes: u64,
    pub up_to_1000: u64,
    pub up_to_5000: u64,
    pub up_to_20000: u64,
    pub above_20000: u64,
    /// Owners who chose on the item but said nothing about paying.
    pub unspecified: u64,
}

impl CoPayCounts {
    fn add(&mut self, c: Option<CoPay>) {
        match c {
            None => self.unspecified += 1,
            Some(CoPay::No) => self.no += 1,
            Some(CoPay::Yes) => self.yes += 1,
            Some(CoPay::UpTo1000) => self.up_to_1000 += 1,
            Some(CoPay::UpTo5000) => self.up_to_5000 += 1,
            Some(CoPay::UpTo20000) => self.up_to_20000 += 1,
            Some(CoPay::Above20000) => self.above_20000 += 1,
        }
    }
    /// Owners willing to pay something.
    pub fn willing(&self) -> u64 {
        self.yes + self.up_to_1000 + self.up_to_5000 + self.up_to_20000 + self.above_20000
    }
}

/// What the counting ballots say about one item beyond support and opposition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemStats {
    pub copay: CoPayCounts,
    /// Sum of priority points: rank 1 of n items earns n points, rank n earns 1.
    pub priority_score: i64,
    /// Owners who ranked the item at all, and first.
    pub ranked_by: u64,
    pub first_choice: u64,
    /// Scrubbed comments of the owners who ranked this item, sorted and without repeats.
    pub comments: Vec<String>,
}

/// A comment for the list, with the items its author ranked (best first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Comment {
    pub text: String,
    pub ranked_items: Vec<String>,
}

/// Aggregates the counting ballots of a consultation with `menu_len` items. `names` are the
/// names known in the community (roster owners, residents), removed from comments.
pub fn ballot_stats<'a>(
    ballots: impl IntoIterator<Item = &'a Choices>,
    menu_len: usize,
    names: &[String],
) -> (BTreeMap<String, ItemStats>, Vec<Comment>) {
    let mut stats: BTreeMap<String, ItemStats> = BTreeMap::new();
    let mut comments = BTreeSet::new();
    let mut per_item_comments: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let scrubber = Scrubber::new(names);
    for b in ballots {
        let comment = b.comment.as_deref().map(|c| scrubber.scrub(c)).filter(|c| !c.is_empty());
        let mut ranked: Vec<(u32, &String)> = Vec::new();
        for (item, ic) in &b.items {
            let s = stats.entry(item.clone()).or_default();
            s.copay.add(ic.copay);
            if let Some(rank) = ic.priority {
                s.priority_score += priority_points(rank, menu_len);
                s.ranked_by += 1;
                s.first_choice += u64::from(rank == 1);
                ranked.push((rank, item));
                if let Some(c) = &comment {
                    per_item_comments.entry(item.clone()).or_default().insert(c.clone());
                }
            }
        }
        if let Some(text) = comment {
            ranked.sort();
            comments.insert(Comment { text, ranked_items: ranked.into_iter().map(|(_, i)| i.clone()).collect() });
        }
    }
    for (item, cs) in per_item_comments {
        stats.entry(item).or_default().comments = cs.into_iter().collect();
    }
    (stats, comments.into_iter().collect())
}

/// What the order of a demand list is decided on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankKey {
    pub approved: bool,
    pub category: Category,
    pub support_area: i64,
    pub participating_area: i64,
    pub support_heads: i64,
    pub participating_heads: i64,
    pub code: String,
}

fn category_order(c: Category) -> u8 {
    match c {
        Category::Basic => 0,
        Category::Improvement => 1,
        Category::Enhancement => 2,
    }
}

/// a/b against c/d without division (0/0 counts as zero support).
fn share_cmp(a: i64, b: i64, c: i64, d: i64) -> Ordering {
    let (a, b, c, d) = (a as i128, b.max(0) as i128, c as i128, d.max(0) as i128);
    match (b == 0, d == 0) {
        (true, true) => Ordering::Equal,
        (true, false) => 0.cmp(&c.signum()),
        (false, true) => a.signum().cmp(&0),
        (false, false) => (a * d).cmp(&(c * b)),
    }
}

/// Better-ranked first.
pub fn rank_order(x: &RankKey, y: &RankKey) -> Ordering {
    y.approved
        .cmp(&x.approved)
        .then_with(|| category_order(x.category).cmp(&category_order(y.category)))
        .then_with(|| share_cmp(y.support_area, y.participating_area, x.support_area, x.participating_area))
        .then_with(|| share_cmp(y.support_heads, y.participating_heads, x.support_heads, x.participating_heads))
        .then_with(|| x.code.cmp(&y.code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::ItemChoice;
    use crate::tally::Choice;

    fn ballot(items: &[(&str, Choice, Option<u32>, Option<CoPay>)], comment: Option<&str>) -> Choices {
        Choices {
            items: items
                .iter()
                .map(|(i, c, p, cp)| {
                    (i.to_string(), ItemChoice { choice: *c, priority: *p, copay: *cp, candidate: None })
                })
                .collect(),
            comment: comment.map(str::to_owned),
        }
    }

    #[test]
    fn priorities_copay_and_comments_aggregate_exactly() {
        use Choice::*;
        let bs = [
            ballot(
                &[("lift", Support, Some(1), Some(CoPay::UpTo5000)), ("water", Support, Some(2), None)],
                Some("加装电梯 电话13800000001 张三"),
            ),
            ballot(
                &[("lift", Oppose, None, Some(CoPay::No)), ("water", Support, Some(1), Some(CoPay::Yes))],
                Some("先修水管"),
            ),
            ballot(&[("water", Abstain, None, None)], Some("先修水管")),
        ];
        let (stats, comments) = ballot_stats(bs.iter(), 3, &["张三".to_string(), "李".to_string()]);
        // Three items on the menu: rank 1 earns 3 points, rank 2 earns 2.
        assert_eq!(stats["lift"].priority_score, 3);
        assert_eq!(stats["water"].priority_score, 2 + 3);
        assert_eq!((stats["water"].ranked_by, stats["water"].first_choice), (2, 1));
        assert_eq!(stats["lift"].copay, CoPayCounts { no: 1, up_to_5000: 1, ..Default::default() });
        assert_eq!(stats["water"].copay.unspecified, 2);
        assert_eq!(stats["water"].copay.willing(), 1);
        assert_eq!(stats["lift"].comments, vec!["加装电梯 电话*** **"]);
        assert_eq!(stats["water"].comments, vec!["先修水管", "加装电梯 电话*** **"]);
        // Comments sort by text; the third ballot ranked nothing.
        assert_eq!(comments.len(), 3);
        assert_eq!(comments[0], Comment { text: "先修水管".into(), ranked_items: vec![] });
        assert_eq!(comments[1], Comment { text: "先修水管".into(), ranked_items: vec!["water".into()] });
        assert_eq!(comments[2].ranked_items, vec!["lift", "water"]);
    }

    #[test]
    fn approved_then_category_then_support() {
        let k = |approved, category, sa, pa, code: &str| RankKey {
            approved,
            category,
            support_area: sa,
            participating_area: pa,
            support_heads: 0,
            participating_heads: 0,
            code: code.into(),
        };
        let mut v = [
            k(false, Category::Basic, 90, 100, "a"),
            k(true, Category::Enhancement, 99, 100, "b"),
            k(true, Category::Basic, 60, 100, "c"),
            k(true, Category::Basic, 70, 100, "d"),
            k(true, Category::Improvement, 100, 100, "e"),
            k(true, Category::Basic, 0, 0, "f"),
        ];
        v.sort_by(rank_order);
        let order: Vec<&str> = v.iter().map(|x| x.code.as_str()).collect();
        assert_eq!(order, vec!["d", "c", "f", "e", "b", "a"]);
    }
}
