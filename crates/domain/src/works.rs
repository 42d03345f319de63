//! The works of an approved design and their acceptance (怎么改, after the notice): problem
//! notices and the rectification ledger (问题通知单 → 整改台账 → 限期销号), stop-work notices,
//! the milestones of each measure, and the residents' satisfaction at completion (竣工验收).
//! Pure rules: a notice's state in the ledger, the order of milestones, and the satisfaction
//! figures with their k-anonymity threshold.

use crate::share;

crate::wire_enum! {
    /// The parties of the works: 建设单位 (the owner of the project, usually the street office),
    /// 施工单位 (the construction company) and 监理单位 (the supervising engineer).
    pub enum Party {
        Builder = "builder",
        Contractor = "contractor",
        Supervisor = "supervisor",
    }
}

impl Party {
    /// The name people use for the party.
    pub fn label(self) -> &'static str {
        match self {
            Party::Builder => "建设单位",
            Party::Contractor => "施工单位",
            Party::Supervisor => "监理单位",
        }
    }
}

crate::wire_enum! {
    /// A problem notice (整改通知单) or a stop-work notice (停工通知), which holds its measure
    /// until it is lifted.
    pub enum NoticeKind {
        Problem = "problem",
        StopWork = "stop_work",
    }
}

crate::wire_enum! {
    /// Where a notice comes from: a quality supervisor's works report (a `works_*` complaint),
    /// or an inspection by the quality department or the committee.
    pub enum NoticeSource {
        SupervisorReport = "supervisor_report",
        Inspection = "inspection",
    }
}

crate::wire_enum! {
    /// A notice's line in the rectification ledger.
    pub enum LedgerState {
        /// Issued, no rectification plan yet.
        Open = "open",
        /// The responsible party gave its plan; not closed yet.
        Rectifying = "rectifying",
        /// Past its deadline and not closed (whether or not a plan was given).
        Overdue = "overdue",
        /// Closed (销号) by the committee or the quality department; a stop-work notice: lifted.
        Closed = "closed",
    }
}

/// A notice's state at `now`: closed wins; past the deadline it is overdue; a plan makes it
/// rectifying.
pub fn ledger_state(
    now: chrono::NaiveDateTime,
    deadline: chrono::NaiveDateTime,
    has_plan: bool,
    closed: bool,
) -> LedgerState {
    if closed {
        LedgerState::Closed
    } else if now > deadline {
        LedgerState::Overdue
    } else if has_plan {
        LedgerState::Rectifying
    } else {
        LedgerState::Open
    }
}

/// The number of notices in each ledger state, in the order open, rectifying, overdue, closed.
pub fn ledger(states: &[LedgerState]) -> [i64; 4] {
    let n = |s: LedgerState| states.iter().filter(|x| **x == s).count() as i64;
    [n(LedgerState::Open), n(LedgerState::Rectifying), n(LedgerState::Overdue), n(LedgerState::Closed)]
}

crate::wire_enum! {
    /// A measure's progress, posted by the committee in this order.
    pub enum Milestone {
        Started = "started",
        Half = "half",
        Finished = "finished",
    }
}

/// Why a milestone cannot be posted now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MilestoneRefused {
    #[error("the measure has reached {}; the next milestone is {}", .reached.map_or("nothing", |m| m.as_str()), .next.map_or("none (it is finished)", |m| m.as_str()))]
    OutOfOrder { reached: Option<Milestone>, next: Option<Milestone> },
    #[error("a stop-work notice holds this measure until it is lifted")]
    Stopped,
}

/// The milestone after `reached` (None: the measure is finished).
pub fn next_milestone(reached: Option<Milestone>) -> Option<Milestone> {
    match reached {
        None => Some(Milestone::Started),
        Some(Milestone::Started) => Some(Milestone::Half),
        Some(Milestone::Half) => Some(Milestone::Finished),
        Some(Milestone::Finished) => None,
    }
}

/// Whether milestone `m` may follow `reached` on a measure `stopped` or not: one at a time, in
/// order, never while a stop-work notice holds the measure.
pub fn may_post(reached: Option<Milestone>, m: Milestone, stopped: bool) -> Result<(), MilestoneRefused> {
    if stopped {
        return Err(MilestoneRefused::Stopped);
    }
    let next = next_milestone(reached);
    if next == Some(m) {
        Ok(())
    } else {
        Err(MilestoneRefused::OutOfOrder { reached, next })
    }
}

crate::wire_enum! {
    /// A dwelling's rating of a finished measure (竣工验收).
    pub enum Satisfaction {
        Satisfied = "satisfied",
        BasicallySatisfied = "basically_satisfied",
        Dissatisfied = "dissatisfied",
    }
}

crate::wire_enum! {
    /// The committee's acceptance decision: accepted ends the project; not accepted keeps it in
    /// acceptance (the committee issues problem notices and decides again).
    pub enum Decision {
        Accepted = "accepted",
        NotAccepted = "not_accepted",
    }
}

/// Ratings of one measure, by level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub dissatisfied: i64,
}

impl Counts {
    pub fn of(levels: &[Satisfaction]) -> Counts {
        let mut c = Counts::default();
        for l in levels {
            c.add(*l);
        }
        c
    }
    pub fn add(&mut self, l: Satisfaction) {
        match l {
            Satisfaction::Satisfied => self.satisfied += 1,
            Satisfaction::BasicallySatisfied => self.basically_satisfied += 1,
            Satisfaction::Dissatisfied => self.dissatisfied += 1,
        }
    }
    pub fn total(&self) -> i64 {
        self.satisfied + self.basically_satisfied + self.dissatisfied
    }
}

/// The figures shown once enough dwellings rated: each level's share and the satisfaction
/// rate (满意率: satisfied and basically satisfied over all ratings), percentages with one
/// decimal, half up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shares {
    pub satisfied: String,
    pub basically_satisfied: String,
    pub dissatisfied: String,
    pub satisfaction_rate: String,
}

/// `c`'s shares, or None while fewer than `crate::rating::MIN_RATED_DWELLINGS` dwellings rated
/// (the same threshold as the property ratings: a split of four ratings tells neighbours who
/// said what).
pub fn shares(c: &Counts) -> Option<Shares> {
    let total = c.total();
    if (total as u64) < crate::rating::MIN_RATED_DWELLINGS {
        return None;
    }
    let p = |n: i64| share::percent(n, total).expect("total is positive");
    Some(Shares {
        satisfied: p(c.satisfied),
        basically_satisfied: p(c.basically_satisfied),
        dissatisfied: p(c.dissatisfied),
        satisfaction_rate: p(c.satisfied + c.basically_satisfied),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn a_notice_moves_through_the_ledger() {
        let deadline = at(10, 18);
        assert_eq!(ledger_state(at(9, 0), deadline, false, false), LedgerState::Open);
        assert_eq!(ledger_state(at(9, 0), deadline, true, false), LedgerState::Rectifying);
        assert_eq!(ledger_state(deadline, deadline, true, false), LedgerState::Rectifying, "due at, not overdue");
        assert_eq!(ledger_state(at(10, 19), deadline, true, false), LedgerState::Overdue);
        assert_eq!(ledger_state(at(10, 19), deadline, false, false), LedgerState::Overdue);
        assert_eq!(ledger_state(at(11, 0), deadline, true, true), LedgerState::Closed);
        let states = [LedgerState::Open, LedgerState::Overdue, LedgerState::Overdue, LedgerState::Closed];
        assert_eq!(ledger(&states), [1, 0, 2, 1]);
    }

    #[test]
    fn milestones_come_one_at_a_time_and_not_while_stopped() {
        assert_eq!(may_post(None, Milestone::Started, false), Ok(()));
        assert_eq!(may_post(Some(Milestone::Started), Milestone::Half, false), Ok(()));
        assert_eq!(may_post(Some(Milestone::Half), Milestone::Finished, false), Ok(()));
        let skip = may_post(None, Milestone::Finished, false).unwrap_err();
        assert_eq!(skip, MilestoneRefused::OutOfOrder { reached: None, next: Some(Milestone::Started) });
        assert_eq!(skip.to_string(), "the measure has reached nothing; the next milestone is started");
        let again = may_post(Some(Milestone::Finished), Milestone::Finished, false).unwrap_err();
        assert_eq!(again.to_string(), "the measure has reached finished; the next milestone is none (it is finished)");
        assert_eq!(may_post(Some(Milestone::Started), Milestone::Half, true), Err(MilestoneRefused::Stopped));
    }

    #[test]
    fn satisfaction_is_hidden_below_five_and_exact_above() {
        use Satisfaction::*;
        let four = Counts::of(&[Satisfied, Satisfied, Dissatisfied, BasicallySatisfied]);
        assert_eq!((four.total(), shares(&four)), (4, None));
        let six = Counts::of(&[Satisfied, Satisfied, Satisfied, BasicallySatisfied, Dissatisfied, Dissatisfied]);
        assert_eq!(six, Counts { satisfied: 3, basically_satisfied: 1, dissatisfied: 2 });
        assert_eq!(
            shares(&six),
            Some(Shares {
                satisfied: "50.0".into(),
                basically_satisfied: "16.7".into(),
                dissatisfied: "33.3".into(),
                satisfaction_rate: "66.7".into(),
            })
        );
        let five = Counts { satisfied: 5, basically_satisfied: 0, dissatisfied: 0 };
        assert_eq!(shares(&five).unwrap().satisfaction_rate, "100.0");
    }

    #[test]
    fn parties_have_their_names() {
        assert_eq!(Party::parse("contractor").map(Party::label), Some("施工单位"));
        assert_eq!(Party::parse("施工单位"), None);
    }
}
