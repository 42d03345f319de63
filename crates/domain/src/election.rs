//! Choosing among candidates: an item whose answer is one of N candidates (hiring a property
//! company under art. 278(4), choosing between design alternatives). Quorum is as for every
//! item (双三分之二 of the scope's area and owners); a candidate is chosen only when it alone
//! holds the rule's share — for 过半数 strictly more than half — of the participating area
//! *and* of the participating owners. Otherwise nothing is decided, and the tally says so.
//! Owners who vote for none of them (`oppose`) or abstain participate and weigh against every
//! candidate. Exact integer arithmetic, as in `tally`.

use crate::tally::{approves, quorum_met, Counts, Rule, Weight};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

pub const MIN_CANDIDATES: usize = 2;
pub const MAX_CANDIDATES: usize = 20;
/// A candidate's key: short, stable, safe in a tally cell's key.
pub const KEY_PATTERN: &str = "^[A-Za-z0-9_-]{1,20}$";
pub const NAME_MAX: usize = 100;

/// One candidate of an item, as stored (JSON on the item) and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub key: String,
    pub name: String,
}

fn key_ok(k: &str) -> bool {
    (1..=20).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// The problems of a candidate list, as (field, message); empty: fine.
pub fn check(list: &[Candidate]) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    if list.len() < MIN_CANDIDATES || list.len() > MAX_CANDIDATES {
        errors
            .push(("candidates".to_string(), format!("give between {MIN_CANDIDATES} and {MAX_CANDIDATES} candidates")));
    }
    let (mut keys, mut names) = (HashSet::new(), HashSet::new());
    for (i, c) in list.iter().enumerate() {
        if !key_ok(&c.key) {
            errors.push((format!("candidates[{i}].key"), "1–20 letters, digits, _ or -".into()));
        } else if !keys.insert(c.key.as_str()) {
            errors.push((format!("candidates[{i}].key"), "is given to two candidates".into()));
        }
        let name = c.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
            errors.push((format!("candidates[{i}].name"), format!("1–{NAME_MAX} characters, no control characters")));
        } else if !names.insert(name.to_string()) {
            errors.push((format!("candidates[{i}].name"), "is given to two candidates".into()));
        }
    }
    errors
}

/// The tally cell key that holds the votes for candidate `candidate` in scope instance `scope`.
pub fn cell_key(scope: &str, candidate: &str) -> String {
    format!("{scope}~{candidate}")
}

/// A cell key as (scope instance, candidate if it is a candidate's cell).
pub fn split_cell_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('~') {
        Some((scope, candidate)) => (scope, Some(candidate)),
        None => (key, None),
    }
}

/// The result of choosing among candidates in one scope instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    pub quorum: bool,
    /// The candidate chosen (legal rules only).
    pub chosen: Option<String>,
    /// For legal rules: whether a candidate was chosen. None for consultative items.
    pub passed: Option<bool>,
    /// quorum_area, quorum_headcount, then no_candidate_majority when the quorum holds but no
    /// candidate has the rule's share of both area and owners.
    pub reasons: Vec<&'static str>,
}

/// Chooses among `votes` (each candidate's weight) over the instance's `counts`, where support
/// is the weight of owners who voted for some candidate, oppose for none, abstain abstained.
pub fn elect(rule: Rule, counts: &Counts, votes: &[(String, Weight)]) -> Election {
    let part = counts.participating();
    let qa = quorum_met(part.area, counts.total.area);
    let qh = quorum_met(part.heads, counts.total.heads);
    let quorum = qa && qh;
    if !rule.is_legal() {
        return Election { quorum, chosen: None, passed: None, reasons: Vec::new() };
    }
    let mut reasons = Vec::new();
    if !qa {
        reasons.push("quorum_area");
    }
    if !qh {
        reasons.push("quorum_headcount");
    }
    // With a strict majority or three quarters at most one candidate can qualify.
    let chosen = votes
        .iter()
        .find(|(_, w)| approves(rule, w.area, part.area) && approves(rule, w.heads, part.heads))
        .map(|(k, _)| k.clone())
        .filter(|_| quorum);
    if quorum && chosen.is_none() {
        reasons.push("no_candidate_majority");
    }
    Election { quorum, passed: Some(chosen.is_some()), chosen, reasons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::Weight;

    fn w(area: i64, heads: i64) -> Weight {
        Weight { area, heads }
    }

    /// Five owners of 100.00 m² each, all take part: A 3 (300.00 m²), B 1, none 1.
    fn counts(support: Weight, oppose: Weight, abstain: Weight, total: Weight) -> Counts {
        Counts { total, support, oppose, abstain }
    }

    #[test]
    fn a_candidate_needs_more_than_half_of_area_and_owners() {
        let c = counts(w(40000, 4), w(10000, 1), w(0, 0), w(50000, 5));
        let e = elect(Rule::Majority, &c, &[("A".into(), w(30000, 3)), ("B".into(), w(10000, 1))]);
        assert_eq!((e.quorum, e.chosen.as_deref(), e.passed), (true, Some("A"), Some(true)));
        assert!(e.reasons.is_empty());
        // Exactly half by area (250.00 of 500.00) is not more than half.
        let c = counts(w(50000, 5), w(0, 0), w(0, 0), w(50000, 5));
        let e = elect(Rule::Majority, &c, &[("A".into(), w(25000, 3)), ("B".into(), w(25000, 2))]);
        assert_eq!((e.chosen, e.passed), (None, Some(false)));
        assert_eq!(e.reasons, vec!["no_candidate_majority"]);
        // One hundredth of a square metre more wins it, with 3 of 5 owners.
        let e = elect(Rule::Majority, &c, &[("A".into(), w(25001, 3)), ("B".into(), w(24999, 2))]);
        assert_eq!(e.chosen.as_deref(), Some("A"));
    }

    #[test]
    fn area_and_owners_held_by_different_candidates_decide_nothing() {
        // A has 60 % of the area with 2 owners, B 3 of 5 owners with 40 %.
        let c = counts(w(50000, 5), w(0, 0), w(0, 0), w(50000, 5));
        let e = elect(Rule::Majority, &c, &[("A".into(), w(30000, 2)), ("B".into(), w(20000, 3))]);
        assert_eq!((e.chosen, e.passed), (None, Some(false)));
        assert_eq!(e.reasons, vec!["no_candidate_majority"]);
    }

    #[test]
    fn none_and_abstentions_participate_against_every_candidate() {
        // 3 of 6 owners for A (half), 2 for none, 1 abstains: nobody is chosen.
        let c = counts(w(30000, 3), w(20000, 2), w(10000, 1), w(60000, 6));
        let e = elect(Rule::Majority, &c, &[("A".into(), w(30000, 3))]);
        assert_eq!(e.reasons, vec!["no_candidate_majority"]);
    }

    #[test]
    fn without_quorum_no_candidate_is_chosen() {
        // 3 of 5 owners take part (less than two thirds), all for A.
        let c = counts(w(30000, 3), w(0, 0), w(0, 0), w(50000, 5));
        let e = elect(Rule::Majority, &c, &[("A".into(), w(30000, 3))]);
        assert_eq!((e.quorum, e.chosen, e.passed), (false, None, Some(false)));
        assert_eq!(e.reasons, vec!["quorum_area", "quorum_headcount"]);
        // Exactly two thirds is a quorum.
        let c = counts(w(20000, 2), w(0, 0), w(0, 0), w(30000, 3));
        assert!(elect(Rule::Majority, &c, &[("A".into(), w(20000, 2))]).passed == Some(true));
    }

    #[test]
    fn three_quarters_and_consultative_items() {
        let c = counts(w(40000, 4), w(0, 0), w(0, 0), w(40000, 4));
        let e = elect(Rule::Supermajority, &c, &[("A".into(), w(30000, 3)), ("B".into(), w(10000, 1))]);
        assert_eq!(e.chosen.as_deref(), Some("A"));
        let e = elect(Rule::Supermajority, &c, &[("A".into(), w(29999, 3)), ("B".into(), w(10001, 1))]);
        assert_eq!(e.chosen, None);
        let e = elect(Rule::Consultative, &c, &[("A".into(), w(40000, 4))]);
        assert_eq!((e.chosen, e.passed), (None, None));
    }

    #[test]
    fn candidate_lists_and_cell_keys() {
        let c = |k: &str, n: &str| Candidate { key: k.into(), name: n.into() };
        assert!(check(&[c("A", "甲物业"), c("B", "乙物业")]).is_empty());
        let fields: Vec<String> = check(&[c("A", "甲物业"), c("A", "甲物业")]).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec!["candidates[1].key", "candidates[1].name"]);
        assert_eq!(check(&[c("A", "甲")])[0].0, "candidates");
        assert_eq!(check(&[c("a~b", "甲"), c("B", "乙")])[0].0, "candidates[0].key");
        assert_eq!(split_cell_key(&cell_key("community", "A")), ("community", Some("A")));
        assert_eq!(split_cell_key("community"), ("community", None));
    }
}
