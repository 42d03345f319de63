//! The renovation project that follows a published consultation (怎么改): its phases, the
//! designer's versions and the residents' representatives' review. Pure rules: which step is
//! allowed from which phase, what a design leaves uncovered, what changed between versions,
//! and how a review's opinions add up.

use std::collections::{BTreeMap, BTreeSet};

crate::wire_enum! {
    /// design → design_review → (revise: design | accepted: public_notice) → works → acceptance → done.
    pub enum Phase {
        Design = "design",
        DesignReview = "design_review",
        PublicNotice = "public_notice",
        Works = "works",
        Acceptance = "acceptance",
        Done = "done",
    }
}

crate::wire_enum! {
    /// A design version's standing: `submitted` (the latest, waiting for a review), `in_review`,
    /// `accepted` (on public notice), `approved` (the notice ran its course and every objection
    /// was answered: the works follow it), `revise` (the review sent it back) or `superseded`
    /// (a newer version came before it was reviewed).
    pub enum DesignState {
        Submitted = "submitted",
        InReview = "in_review",
        Accepted = "accepted",
        Approved = "approved",
        Revise = "revise",
        Superseded = "superseded",
    }
}

crate::wire_enum! {
    /// A representative's opinion of one measure.
    pub enum Opinion {
        Agree = "agree",
        AgreeWithChanges = "agree_with_changes",
        Disagree = "disagree",
    }
}

crate::wire_enum! {
    /// The committee's record of a review.
    pub enum Outcome {
        Accepted = "accepted",
        Revise = "revise",
    }
}

crate::wire_enum! {
    /// 楼长 (one per building) or 单元联系人 (one per unit).
    pub enum Seat {
        Building = "building",
        Unit = "unit",
    }
}

/// Why a step is refused in the project's phase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the project is in its {} phase; this step needs {}", .now.as_str(), .needs.as_str())]
pub struct WrongPhase {
    pub now: Phase,
    pub needs: Phase,
}

/// The phase a step must find; `Ok` when the project is in it.
pub fn require(now: Phase, needs: Phase) -> Result<(), WrongPhase> {
    (now == needs).then_some(()).ok_or(WrongPhase { now, needs })
}

/// The phase a review's outcome leads to.
pub fn after_review(outcome: Outcome) -> Phase {
    match outcome {
        Outcome::Accepted => Phase::PublicNotice,
        Outcome::Revise => Phase::Design,
    }
}

/// The public notice's default length (公示, DESIGN.md: default 7 days).
pub const NOTICE_DAYS: i64 = 7;

/// Why an accepted design cannot be approved yet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotApprovable {
    #[error("the public notice runs until {0}")]
    NoticeRunning(chrono::NaiveDateTime),
    #[error("{0} objections have no answer yet")]
    Unanswered(i64),
}

/// Whether a design on notice until `closes_at` with `unanswered` objections may be approved
/// at `now`: residents have had the whole period, and each of them has their answer.
pub fn approvable(
    now: chrono::NaiveDateTime,
    closes_at: chrono::NaiveDateTime,
    unanswered: i64,
) -> Result<(), NotApprovable> {
    if now < closes_at {
        return Err(NotApprovable::NoticeRunning(closes_at));
    }
    if unanswered > 0 {
        return Err(NotApprovable::Unanswered(unanswered));
    }
    Ok(())
}

/// Whether `key` is a measure key as `limits::MEASURE_KEY_PATTERN` states it.
pub fn valid_key(key: &str) -> bool {
    (1..=20).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// A measure as the rules see it: its stable key (kept across versions), the demand items it
/// answers and the fields a change is looked for in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub key: String,
    pub items: BTreeSet<String>,
    /// (field name, value as text), in a fixed order.
    pub fields: Vec<(&'static str, String)>,
}

/// What a design covers of the approved demand items.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Approved items no measure answers, in the order given.
    pub uncovered_items: Vec<String>,
    /// Keys of the measures that answer no approved item.
    pub unlinked_measures: Vec<String>,
}

/// The approved items (`approved`, in demand-list order) no measure answers, and the measures
/// answering none of them.
pub fn coverage(approved: &[String], measures: &[Measure]) -> Coverage {
    let answered: BTreeSet<&String> = measures.iter().flat_map(|m| m.items.iter()).collect();
    let approved_set: BTreeSet<&String> = approved.iter().collect();
    Coverage {
        uncovered_items: approved.iter().filter(|i| !answered.contains(i)).cloned().collect(),
        unlinked_measures: measures
            .iter()
            .filter(|m| !m.items.iter().any(|i| approved_set.contains(i)))
            .map(|m| m.key.clone())
            .collect(),
    }
}

/// How one measure differs from the version before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    /// The names of the fields that differ (`items` when the answered items differ).
    Changed(Vec<&'static str>),
    Unchanged,
}

/// Measure by measure (by key), how `new` differs from `old`: the new version's measures in
/// their order, then the removed ones in the old order.
pub fn changes(old: &[Measure], new: &[Measure]) -> Vec<(String, Change)> {
    let before: BTreeMap<&str, &Measure> = old.iter().map(|m| (m.key.as_str(), m)).collect();
    let kept: BTreeSet<&str> = new.iter().map(|m| m.key.as_str()).collect();
    let mut out: Vec<(String, Change)> = new
        .iter()
        .map(|m| {
            let change = match before.get(m.key.as_str()) {
                None => Change::Added,
                Some(o) => {
                    let mut fields: Vec<&'static str> =
                        m.fields.iter().zip(&o.fields).filter(|(a, b)| a != b).map(|(a, _)| a.0).collect();
                    if m.items != o.items {
                        fields.push("items");
                    }
                    if fields.is_empty() {
                        Change::Unchanged
                    } else {
                        Change::Changed(fields)
                    }
                }
            };
            (m.key.clone(), change)
        })
        .collect();
    out.extend(old.iter().filter(|m| !kept.contains(m.key.as_str())).map(|m| (m.key.clone(), Change::Removed)));
    out
}

/// The opinions given on one measure, with the panel members who gave none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Count {
    pub agree: i64,
    pub agree_with_changes: i64,
    pub disagree: i64,
    pub absent: i64,
}

/// Adds up `opinions` of one measure given by a panel of `panel` members.
pub fn count(panel: i64, opinions: &[Opinion]) -> Count {
    let n = |o: Opinion| opinions.iter().filter(|x| **x == o).count() as i64;
    Count {
        agree: n(Opinion::Agree),
        agree_with_changes: n(Opinion::AgreeWithChanges),
        disagree: n(Opinion::Disagree),
        absent: panel - opinions.len() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(key: &str, items: &[&str], cost: &str) -> Measure {
        Measure {
            key: key.into(),
            items: items.iter().map(|s| s.to_string()).collect(),
            fields: vec![("title", format!("{key} title")), ("estimated_cost", cost.into())],
        }
    }

    #[test]
    fn a_design_is_approvable_after_its_notice_with_every_objection_answered() {
        let closes = chrono::NaiveDate::from_ymd_opt(2026, 12, 11).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let before = closes - chrono::Duration::seconds(1);
        assert_eq!(approvable(before, closes, 0), Err(NotApprovable::NoticeRunning(closes)));
        assert_eq!(approvable(before, closes, 2), Err(NotApprovable::NoticeRunning(closes)));
        assert_eq!(approvable(closes, closes, 2), Err(NotApprovable::Unanswered(2)));
        assert_eq!(approvable(closes, closes, 0), Ok(()));
    }

    #[test]
    fn coverage_names_what_is_missing_on_each_side() {
        let approved: Vec<String> = ["pipes", "roofs", "lights"].iter().map(|s| s.to_string()).collect();
        let ms = vec![m("M1", &["pipes"], "1"), m("M2", &["rejected_item"], "2"), m("M3", &[], "3")];
        let c = coverage(&approved, &ms);
        assert_eq!(c.uncovered_items, vec!["roofs".to_string(), "lights".to_string()]);
        assert_eq!(c.unlinked_measures, vec!["M2".to_string(), "M3".to_string()]);
        let full = coverage(&approved, &[m("M1", &["pipes", "roofs", "lights"], "1")]);
        assert_eq!(full, Coverage::default());
    }

    #[test]
    fn changes_by_key_field_by_field() {
        let old = vec![m("M1", &["a"], "100.00"), m("M2", &["b"], "5.00"), m("M3", &["c"], "1.00")];
        let new = vec![m("M1", &["a"], "120.00"), m("M3", &["c", "d"], "1.00"), m("M4", &["e"], "9.00")];
        assert_eq!(
            changes(&old, &new),
            vec![
                ("M1".into(), Change::Changed(vec!["estimated_cost"])),
                ("M3".into(), Change::Changed(vec!["items"])),
                ("M4".into(), Change::Added),
                ("M2".into(), Change::Removed),
            ]
        );
        assert_eq!(changes(&old[..1], &old[..1]), vec![("M1".into(), Change::Unchanged)]);
    }

    #[test]
    fn a_count_shows_who_stayed_silent() {
        let c = count(5, &[Opinion::Agree, Opinion::Disagree, Opinion::Agree]);
        assert_eq!(c, Count { agree: 2, agree_with_changes: 0, disagree: 1, absent: 2 });
        assert_eq!(count(3, &[]).absent, 3);
    }

    #[test]
    fn keys_are_short_and_plain() {
        assert!(valid_key("M1") && valid_key("2.3-b_x"));
        assert!(!valid_key("") && !valid_key("M 1") && !valid_key("措施1") && !valid_key(&"M".repeat(21)));
    }

    #[test]
    fn steps_need_their_phase() {
        assert_eq!(require(Phase::Design, Phase::Design), Ok(()));
        let e = require(Phase::Works, Phase::Design).unwrap_err();
        assert_eq!(e.to_string(), "the project is in its works phase; this step needs design");
        assert_eq!(after_review(Outcome::Revise), Phase::Design);
        assert_eq!(after_review(Outcome::Accepted), Phase::PublicNotice);
    }
}
