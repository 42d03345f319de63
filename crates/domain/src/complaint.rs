//! Complaints as work orders (诉求, as in the 12345 hotline): categories, the lifecycle and who
//! may move an order along it, and deadlines in working days.
//!
//! submitted → accepted (受理) | rejected → assigned (派单, to the property company or the
//! committee) → in progress → replied (办理反馈) → closed (resident satisfied) or reopened
//! (resident sent it back; the deadline starts again) → in progress / replied again.

use crate::wire_enum;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use std::collections::BTreeSet;

wire_enum! {
    /// What a complaint is about. The `works_*` categories are renovation-works reports, filed
    /// by the community's quality supervisors and handled by the committee.
    pub enum Category {
        PropertySecurity = "property_security",
        PropertyCleaning = "property_cleaning",
        PropertyGreening = "property_greening",
        PropertyRepairs = "property_repairs",
        PropertyFees = "property_fees",
        PropertyAttitude = "property_attitude",
        Facilities = "facilities",
        WorksQuality = "works_quality",
        WorksNoise = "works_noise",
        WorksDust = "works_dust",
        WorksSafety = "works_safety",
        Other = "other",
    }
}

impl Category {
    /// Renovation-works reports: only quality supervisors file them, only the committee handles them.
    pub fn is_works(self) -> bool {
        matches!(self, Category::WorksQuality | Category::WorksNoise | Category::WorksDust | Category::WorksSafety)
    }
}

wire_enum! {
    pub enum Urgency {
        Normal = "normal",
        Urgent = "urgent",
    }
}

wire_enum! {
    pub enum Status {
        Submitted = "submitted",
        Accepted = "accepted",
        Rejected = "rejected",
        Assigned = "assigned",
        InProgress = "in_progress",
        Replied = "replied",
        Closed = "closed",
        Reopened = "reopened",
    }
}

impl Status {
    /// Finished orders: nothing more is owed to the resident.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Rejected | Status::Closed)
    }
    /// The handler owes the resident an answer: the deadline is running.
    pub fn awaits_handler(self) -> bool {
        matches!(self, Status::Submitted | Status::Accepted | Status::Assigned | Status::InProgress | Status::Reopened)
    }
}

wire_enum! {
    pub enum Assignee {
        Company = "company",
        Committee = "committee",
    }
}

wire_enum! {
    /// A step of the lifecycle; `comment` moves nothing (the call-back channel between the
    /// handler and a resident who asked to be contacted) and `me_too` neither.
    pub enum Action {
        Submit = "submit",
        Accept = "accept",
        Reject = "reject",
        Assign = "assign",
        Start = "start",
        Reply = "reply",
        Confirm = "confirm",
        SendBack = "send_back",
        Comment = "comment",
        MeToo = "me_too",
    }
}

/// Who may take an action on an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The committee of the order's community (or an admin of its district): triage and dispatch.
    Triage,
    /// Whoever holds the order: staff of the assigned company, or the committee when assigned to it.
    Handler,
    /// The resident who submitted the order.
    Submitter,
}

impl Action {
    pub fn actor(self) -> Actor {
        match self {
            Action::Accept | Action::Reject | Action::Assign => Actor::Triage,
            Action::Start | Action::Reply => Actor::Handler,
            Action::Submit | Action::Confirm | Action::SendBack => Actor::Submitter,
            // Comments come from the handler or the submitter; me-too from other residents.
            Action::Comment | Action::MeToo => Actor::Handler,
        }
    }
    /// Actions that must say why.
    pub fn needs_note(self) -> bool {
        matches!(self, Action::Reject | Action::Reply | Action::SendBack | Action::Comment)
    }
}

/// The status an action leads to from `from`, or None when the action is not allowed there.
pub fn next(from: Status, action: Action) -> Option<Status> {
    use Status::*;
    Some(match (action, from) {
        (Action::Accept, Submitted) => Accepted,
        (Action::Reject, Submitted) => Rejected,
        // Dispatch, or re-dispatch while nobody has answered yet.
        (Action::Assign, Accepted | Assigned | InProgress | Reopened) => Assigned,
        (Action::Start, Assigned | Reopened) => InProgress,
        (Action::Reply, Assigned | InProgress | Reopened) => Replied,
        (Action::Confirm, Replied) => Closed,
        (Action::SendBack, Replied) => Reopened,
        (Action::Comment | Action::MeToo, s) if !s.is_final() => s,
        _ => return None,
    })
}

/// Working days: Monday to Friday, minus public holidays, plus the weekend days worked in
/// exchange (调休), all in China Standard Time (UTC+8, no daylight saving).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    pub holidays: BTreeSet<NaiveDate>,
    pub extra_workdays: BTreeSet<NaiveDate>,
}

pub fn china_time() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

impl WorkCalendar {
    /// Dates as `YYYY-MM-DD`, separated by commas or whitespace.
    pub fn parse(holidays: &str, extra_workdays: &str) -> Result<WorkCalendar, String> {
        let dates = |s: &str| -> Result<BTreeSet<NaiveDate>, String> {
            s.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .map(|p| {
                    NaiveDate::parse_from_str(p, "%Y-%m-%d").map_err(|_| format!("{p:?} is not a date (YYYY-MM-DD)"))
                })
                .collect()
        };
        Ok(WorkCalendar { holidays: dates(holidays)?, extra_workdays: dates(extra_workdays)? })
    }

    pub fn is_workday(&self, d: NaiveDate) -> bool {
        if self.extra_workdays.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The end of the `n`th working day after the day of `from` (China time): an order
    /// received on Friday afternoon with 5 working days is due at the end of next Friday.
    pub fn add_working_days(&self, from: DateTime<Utc>, n: u32) -> DateTime<Utc> {
        let tz = china_time();
        let mut day = from.with_timezone(&tz).date_naive();
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().expect("date in range");
            if self.is_workday(day) {
                left -= 1;
            }
        }
        let end = day.succ_opt().expect("date in range").and_hms_opt(0, 0, 0).expect("midnight exists");
        tz.from_local_datetime(&end).single().expect("fixed offsets are unambiguous").with_timezone(&Utc)
    }
}

/// How long the handler has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlinePolicy {
    pub normal_working_days: u32,
    pub urgent_hours: u32,
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        DeadlinePolicy { normal_working_days: 5, urgent_hours: 24 }
    }
}

/// The deadline of an order received (or reopened) at `from`.
pub fn deadline(from: DateTime<Utc>, urgency: Urgency, policy: DeadlinePolicy, cal: &WorkCalendar) -> DateTime<Utc> {
    match urgency {
        Urgency::Urgent => from + Duration::hours(policy.urgent_hours.into()),
        Urgency::Normal => cal.add_working_days(from, policy.normal_working_days),
    }
}

/// An order is overdue while the handler owes an answer past its deadline.
pub fn is_overdue(status: Status, deadline: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status.awaits_handler() && now > deadline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn five_working_days_skip_the_weekend() {
        let cal = WorkCalendar::default();
        // Friday 2026-11-20 15:00 China time → due at the end of Friday 2026-11-27.
        let from = utc("2026-11-20T15:00:00+08:00");
        assert_eq!(cal.add_working_days(from, 5), utc("2026-11-28T00:00:00+08:00"));
        // Saturday: the count starts on Monday, due at the end of Friday.
        assert_eq!(cal.add_working_days(utc("2026-11-21T10:00:00+08:00"), 5), utc("2026-11-28T00:00:00+08:00"));
        // Monday 09:00: due at the end of next Monday.
        assert_eq!(cal.add_working_days(utc("2026-11-23T09:00:00+08:00"), 5), utc("2026-12-01T00:00:00+08:00"));
        // 23:30 UTC on Sunday is already Monday in China.
        assert_eq!(cal.add_working_days(utc("2026-11-22T23:30:00Z"), 1), utc("2026-11-25T00:00:00+08:00"));
    }

    #[test]
    fn holidays_and_make_up_days_count_as_configured() {
        // National Day week 2026: 1–7 October off, Saturday 10 October worked.
        let cal = WorkCalendar::parse("2026-10-01,2026-10-02 2026-10-05,2026-10-06,2026-10-07", "2026-10-10").unwrap();
        let from = utc("2026-09-30T10:00:00+08:00");
        // Working days after 30 Sep: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, make-up), 12 Oct, 13 Oct.
        assert_eq!(cal.add_working_days(from, 5), utc("2026-10-14T00:00:00+08:00"));
        assert!(!cal.is_workday(NaiveDate::from_ymd_opt(2026, 10, 5).unwrap()));
        assert!(cal.is_workday(NaiveDate::from_ymd_opt(2026, 10, 10).unwrap()));
        assert!(WorkCalendar::parse("2026-13-01", "").is_err());
    }

    #[test]
    fn urgent_orders_have_hours_not_days() {
        let cal = WorkCalendar::default();
        let from = utc("2026-11-21T10:00:00+08:00");
        assert_eq!(deadline(from, Urgency::Urgent, DeadlinePolicy::default(), &cal), utc("2026-11-22T10:00:00+08:00"));
        assert_eq!(deadline(from, Urgency::Normal, DeadlinePolicy::default(), &cal), utc("2026-11-28T00:00:00+08:00"));
    }

    #[test]
    fn lifecycle_moves() {
        use Status::*;
        assert_eq!(next(Submitted, Action::Accept), Some(Accepted));
        assert_eq!(next(Submitted, Action::Reject), Some(Rejected));
        assert_eq!(next(Submitted, Action::Assign), None);
        assert_eq!(next(Accepted, Action::Assign), Some(Assigned));
        assert_eq!(next(InProgress, Action::Assign), Some(Assigned));
        assert_eq!(next(Replied, Action::Assign), None);
        assert_eq!(next(Assigned, Action::Start), Some(InProgress));
        assert_eq!(next(Accepted, Action::Start), None);
        assert_eq!(next(InProgress, Action::Reply), Some(Replied));
        assert_eq!(next(Replied, Action::Confirm), Some(Closed));
        assert_eq!(next(Replied, Action::SendBack), Some(Reopened));
        assert_eq!(next(Reopened, Action::Reply), Some(Replied));
        assert_eq!(next(Closed, Action::SendBack), None);
        assert_eq!(next(Closed, Action::Comment), None);
        assert_eq!(next(Rejected, Action::MeToo), None);
        assert_eq!(next(InProgress, Action::Comment), Some(InProgress));
    }

    #[test]
    fn overdue_only_while_the_handler_owes_an_answer() {
        let d = utc("2026-11-27T16:00:00Z");
        let later = utc("2026-11-28T00:00:00Z");
        assert!(is_overdue(Status::InProgress, d, later));
        assert!(!is_overdue(Status::Replied, d, later));
        assert!(!is_overdue(Status::Closed, d, later));
        assert!(!is_overdue(Status::InProgress, d, d));
        assert!(Category::WorksDust.is_works() && !Category::Facilities.is_works());
        assert_eq!(Category::parse("works_noise"), Some(Category::WorksNoise));
    }
}
