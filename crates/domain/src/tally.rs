//! Counting a vote (PRC Civil Code art. 278; SPC interpretation on condominium ownership
//! arts. 8–9), exactly, in integers.
//!
//! For one item in one scope instance (the community, a building or a unit) over the frozen
//! roll: area is in 0.01 m²; headcount is the number of distinct owner keys with a dwelling in
//! the scope (developer-held dwellings share one key, so they count as one person). Quorum is
//! "双三分之二": participating area ≥ 2/3 of the total and participating headcount ≥ 2/3 of the
//! total. `majority` (过半数) is strictly more than half of the participating area and headcount;
//! `supermajority` (四分之三以上) is at least three quarters of both ("以上" includes the bound).

use serde::{Deserialize, Serialize};

crate::wire_enum! {
    pub enum Rule {
        Majority = "majority",
        Supermajority = "supermajority",
        Consultative = "consultative",
    }
}

impl Rule {
    pub fn is_legal(self) -> bool {
        self != Rule::Consultative
    }
}

crate::wire_enum! {
    pub enum Choice {
        Support = "support",
        Oppose = "oppose",
        Abstain = "abstain",
    }
}

/// Area (0.01 m²) and headcount of one group of owners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Weight {
    pub area: i64,
    pub heads: i64,
}

impl Weight {
    pub fn add(self, o: Weight) -> Weight {
        Weight { area: self.area + o.area, heads: self.heads + o.heads }
    }
    pub fn sub(self, o: Weight) -> Weight {
        Weight { area: self.area - o.area, heads: self.heads - o.heads }
    }
}

/// The running counts of one item in one scope instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub total: Weight,
    pub support: Weight,
    pub oppose: Weight,
    pub abstain: Weight,
}

impl Counts {
    /// Abstaining owners participate.
    pub fn participating(&self) -> Weight {
        self.support.add(self.oppose).add(self.abstain)
    }

    pub fn apply(&mut self, choice: Choice, w: Weight, sign: i64) {
        let slot = match choice {
            Choice::Support => &mut self.support,
            Choice::Oppose => &mut self.oppose,
            Choice::Abstain => &mut self.abstain,
        };
        slot.area += sign * w.area;
        slot.heads += sign * w.heads;
    }
}

/// Why an item with a legal rule failed; the first reason that applies is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shortfall {
    /// Participating area < 2/3 of the total area.
    QuorumArea,
    /// Participating headcount < 2/3 of the total headcount.
    QuorumHeadcount,
    /// Support area short of the rule's share of the participating area.
    ApprovalArea,
    /// Support headcount short of the rule's share of the participating headcount.
    ApprovalHeadcount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub quorum: bool,
    /// For legal rules: quorum and approval both hold. For consultative items: None.
    pub passed: Option<bool>,
    /// Every reason a legal item failed, in the order quorum area, quorum headcount,
    /// approval area, approval headcount.
    pub shortfalls: [Option<Shortfall>; 4],
}

impl Outcome {
    pub fn reasons(&self) -> Vec<Shortfall> {
        self.shortfalls.iter().flatten().copied().collect()
    }
}

pub(crate) fn quorum_met(part: i64, total: i64) -> bool {
    // 3·part ≥ 2·total; an empty scope has no quorum.
    total > 0 && 3 * part >= 2 * total
}

pub(crate) fn approves(rule: Rule, support: i64, part: i64) -> bool {
    match rule {
        // 过半数: strictly more than half.
        Rule::Majority => part > 0 && 2 * support > part,
        // 四分之三以上: at least three quarters.
        Rule::Supermajority => part > 0 && 4 * support >= 3 * part,
        Rule::Consultative => true,
    }
}

pub fn evaluate(rule: Rule, c: &Counts) -> Outcome {
    let part = c.participating();
    let qa = quorum_met(part.area, c.total.area);
    let qh = quorum_met(part.heads, c.total.heads);
    let quorum = qa && qh;
    if !rule.is_legal() {
        return Outcome { quorum, passed: None, shortfalls: [None; 4] };
    }
    let aa = approves(rule, c.support.area, part.area);
    let ah = approves(rule, c.support.heads, part.heads);
    let shortfalls = [
        (!qa).then_some(Shortfall::QuorumArea),
        (!qh).then_some(Shortfall::QuorumHeadcount),
        (!aa).then_some(Shortfall::ApprovalArea),
        (!ah).then_some(Shortfall::ApprovalHeadcount),
    ];
    Outcome { quorum, passed: Some(quorum && aa && ah), shortfalls }
}

/// Helper for tests and recounts: the counts from a list of (owner weight, choice).
pub fn count(total: Weight, votes: &[(Weight, Choice)]) -> Counts {
    let mut c = Counts { total, ..Default::default() };
    for (w, ch) in votes {
        c.apply(*ch, *w, 1);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use Choice::*;

    fn w(area_m2: i64, heads: i64) -> Weight {
        Weight { area: area_m2 * 100, heads }
    }

    /// DESIGN.md's worked example: unit of 6 dwellings × 50.00 m², one owner holds two.
    #[test]
    fn worked_example_passes_then_fails() {
        let total = w(300, 5);
        let votes = [(w(100, 1), Support), (w(50, 1), Support), (w(50, 1), Support), (w(50, 1), Oppose)];
        let c = count(total, &votes);
        assert_eq!(c.participating(), w(250, 4));
        let o = evaluate(Rule::Supermajority, &c);
        assert!(o.quorum);
        assert_eq!(o.passed, Some(true));
        assert_eq!(o.reasons(), vec![]);

        let votes = [(w(100, 1), Support), (w(50, 1), Support), (w(50, 1), Oppose), (w(50, 1), Oppose)];
        let o = evaluate(Rule::Supermajority, &count(total, &votes));
        assert_eq!(o.passed, Some(false));
        // support area 150.00 < 187.50; support headcount 2 < 3.
        assert_eq!(o.reasons(), vec![Shortfall::ApprovalArea, Shortfall::ApprovalHeadcount]);
    }

    #[test]
    fn exactly_two_thirds_participation_is_a_quorum() {
        // 300.00 m², 3 owners; 200.00 m² and 2 owners participate: exactly 2/3 of both.
        let c = count(w(300, 3), &[(w(100, 1), Support), (w(100, 1), Support)]);
        assert!(evaluate(Rule::Majority, &c).quorum);
        // One hundredth of a square metre less is not.
        let c = count(Weight { area: 30000, heads: 3 }, &[(Weight { area: 19999, heads: 2 }, Support)]);
        let o = evaluate(Rule::Majority, &c);
        assert!(!o.quorum);
        assert_eq!(o.reasons(), vec![Shortfall::QuorumArea]);
    }

    #[test]
    fn exactly_three_quarters_passes_a_supermajority() {
        // 4 owners of 100 m² all participate; 3 support: exactly 3/4 by area and headcount.
        let c =
            count(w(400, 4), &[(w(100, 1), Support), (w(100, 1), Support), (w(100, 1), Support), (w(100, 1), Oppose)]);
        assert_eq!(evaluate(Rule::Supermajority, &c).passed, Some(true));
        // Just under 3/4 by area (299.99 of 400.00) fails by area only.
        let c = count(
            w(400, 4),
            &[
                (Weight { area: 9999, heads: 1 }, Support),
                (w(100, 1), Support),
                (w(100, 1), Support),
                (Weight { area: 10001, heads: 1 }, Oppose),
            ],
        );
        assert_eq!(evaluate(Rule::Supermajority, &c).reasons(), vec![Shortfall::ApprovalArea]);
    }

    #[test]
    fn exactly_half_fails_a_majority() {
        let c =
            count(w(400, 4), &[(w(100, 1), Support), (w(100, 1), Support), (w(100, 1), Oppose), (w(100, 1), Oppose)]);
        let o = evaluate(Rule::Majority, &c);
        assert_eq!(o.passed, Some(false));
        assert_eq!(o.reasons(), vec![Shortfall::ApprovalArea, Shortfall::ApprovalHeadcount]);
        // Half plus 0.01 m² by area but exactly half by headcount still fails by headcount.
        let c = count(
            w(400, 4),
            &[
                (Weight { area: 10001, heads: 1 }, Support),
                (w(100, 1), Support),
                (Weight { area: 9999, heads: 1 }, Oppose),
                (w(100, 1), Oppose),
            ],
        );
        assert_eq!(evaluate(Rule::Majority, &c).reasons(), vec![Shortfall::ApprovalHeadcount]);
    }

    #[test]
    fn abstentions_participate_and_weigh_against_approval() {
        // 3 of 3 owners participate; 2 support, 1 abstains: majority passes, supermajority fails.
        let c = count(w(300, 3), &[(w(100, 1), Support), (w(100, 1), Support), (w(100, 1), Abstain)]);
        assert!(evaluate(Rule::Majority, &c).passed.unwrap());
        assert_eq!(
            evaluate(Rule::Supermajority, &c).reasons(),
            vec![Shortfall::ApprovalArea, Shortfall::ApprovalHeadcount]
        );
    }

    #[test]
    fn consultative_items_have_no_threshold() {
        let c = count(w(300, 3), &[(w(100, 1), Oppose)]);
        let o = evaluate(Rule::Consultative, &c);
        assert_eq!((o.quorum, o.passed), (false, None));
        assert_eq!(o.reasons(), vec![]);
    }

    #[test]
    fn an_empty_scope_never_passes() {
        let o = evaluate(Rule::Majority, &Counts::default());
        assert_eq!(o.passed, Some(false));
        assert_eq!(
            o.reasons(),
            vec![
                Shortfall::QuorumArea,
                Shortfall::QuorumHeadcount,
                Shortfall::ApprovalArea,
                Shortfall::ApprovalHeadcount
            ]
        );
    }

    #[test]
    fn revising_a_vote_moves_its_weight() {
        let mut c = count(w(300, 3), &[(w(100, 1), Support)]);
        c.apply(Support, w(100, 1), -1);
        c.apply(Oppose, w(100, 1), 1);
        assert_eq!((c.support, c.oppose), (Weight::default(), w(100, 1)));
    }
}
