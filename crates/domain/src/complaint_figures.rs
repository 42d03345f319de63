//! Complaint-handling figures for a community or a property company over a period, from the
//! facts kept on each order. Every rate is reported as numerator / denominator so that the
//! figure can be checked by hand; the percentage is derived from them.
//!
//! - response rate: accepted orders the handler has acted on (started or replied) / accepted orders
//! - on-time rate: orders answered without ever being late / orders whose answer is due
//!   (answered at least once, or overdue now)
//! - resolution rate: closed orders / accepted orders
//! - satisfaction rate: satisfied evaluations (confirmations) / all evaluations (confirmations
//!   and send-backs)
//!
//! "Accepted" means past triage and not rejected.

use crate::complaint::{is_overdue, Category, Status};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the figures need to know of one order.
#[derive(Debug, Clone)]
pub struct OrderFacts {
    pub category: Category,
    pub status: Status,
    pub deadline: DateTime<Utc>,
    pub first_response: bool,
    pub replied: bool,
    pub ever_late: bool,
    pub satisfied_evaluations: u32,
    pub unsatisfied_evaluations: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rate {
    pub numerator: u64,
    pub denominator: u64,
    /// Percent with one decimal ("83.3"), absent when the denominator is zero.
    pub percent: Option<String>,
}

impl Rate {
    pub fn new(numerator: u64, denominator: u64) -> Rate {
        Rate { numerator, denominator, percent: percent(numerator, denominator) }
    }
}

fn percent(n: u64, d: u64) -> Option<String> {
    crate::share::percent(n as i64, d as i64)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub received: u64,
    pub rejected: u64,
    pub accepted: u64,
    pub open: u64,
    pub overdue: u64,
    pub response_rate: Rate,
    pub on_time_rate: Rate,
    pub resolution_rate: Rate,
    pub satisfaction_rate: Rate,
    pub by_category: BTreeMap<String, u64>,
    pub by_status: BTreeMap<String, u64>,
}

pub fn figures(orders: &[OrderFacts], now: DateTime<Utc>) -> Figures {
    let mut by_category = BTreeMap::new();
    let mut by_status = BTreeMap::new();
    let (mut rejected, mut accepted, mut open, mut overdue) = (0, 0, 0, 0);
    let (mut responded, mut due, mut on_time, mut closed, mut satisfied, mut evaluations) = (0, 0, 0, 0, 0, 0);
    for o in orders {
        *by_category.entry(o.category.as_str().to_owned()).or_insert(0) += 1;
        *by_status.entry(o.status.as_str().to_owned()).or_insert(0) += 1;
        let late_now = is_overdue(o.status, o.deadline, now);
        overdue += u64::from(late_now);
        open += u64::from(!o.status.is_final());
        satisfied += u64::from(o.satisfied_evaluations);
        evaluations += u64::from(o.satisfied_evaluations + o.unsatisfied_evaluations);
        match o.status {
            Status::Rejected => rejected += 1,
            Status::Submitted => {}
            _ => {
                accepted += 1;
                responded += u64::from(o.first_response);
                closed += u64::from(o.status == Status::Closed);
                if o.replied || late_now {
                    due += 1;
                    on_time += u64::from(o.replied && !o.ever_late && !late_now);
                }
            }
        }
    }
    Figures {
        received: orders.len() as u64,
        rejected,
        accepted,
        open,
        overdue,
        response_rate: Rate::new(responded, accepted),
        on_time_rate: Rate::new(on_time, due),
        resolution_rate: Rate::new(closed, accepted),
        satisfaction_rate: Rate::new(satisfied, evaluations),
        by_category,
        by_status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn order(status: Status, deadline: &str) -> OrderFacts {
        OrderFacts {
            category: Category::PropertyRepairs,
            status,
            deadline: at(deadline),
            first_response: false,
            replied: false,
            ever_late: false,
            satisfied_evaluations: 0,
            unsatisfied_evaluations: 0,
        }
    }

    #[test]
    fn exact_rates_over_a_mixed_set() {
        let now = at("2026-11-30T00:00:00Z");
        let future = "2026-12-05T00:00:00Z";
        let past = "2026-11-25T00:00:00Z";
        let mut closed_on_time = order(Status::Closed, future);
        (closed_on_time.first_response, closed_on_time.replied, closed_on_time.satisfied_evaluations) = (true, true, 1);
        let mut closed_late = order(Status::Closed, past);
        (closed_late.first_response, closed_late.replied, closed_late.ever_late) = (true, true, true);
        (closed_late.satisfied_evaluations, closed_late.unsatisfied_evaluations) = (1, 1);
        let mut started_overdue = order(Status::InProgress, past);
        started_overdue.first_response = true;
        let assigned_not_due = order(Status::Assigned, future);
        let rejected = order(Status::Rejected, future);
        let mut waiting = order(Status::Submitted, past);
        waiting.category = Category::PropertyCleaning;
        let f = figures(&[closed_on_time, closed_late, started_overdue, assigned_not_due, rejected, waiting], now);
        assert_eq!((f.received, f.rejected, f.accepted, f.open, f.overdue), (6, 1, 4, 3, 2));
        assert_eq!(f.response_rate, Rate::new(3, 4));
        assert_eq!(f.response_rate.percent.as_deref(), Some("75.0"));
        // Due: the two closed orders and the overdue one; only the first was on time.
        assert_eq!(f.on_time_rate, Rate::new(1, 3));
        assert_eq!(f.on_time_rate.percent.as_deref(), Some("33.3"));
        assert_eq!(f.resolution_rate, Rate::new(2, 4));
        assert_eq!(f.satisfaction_rate, Rate::new(2, 3));
        assert_eq!(f.satisfaction_rate.percent.as_deref(), Some("66.7"));
        assert_eq!(f.by_category["property_repairs"], 5);
        assert_eq!(f.by_category["property_cleaning"], 1);
        assert_eq!(f.by_status["closed"], 2);
    }

    #[test]
    fn empty_sets_have_no_percentages() {
        let f = figures(&[], at("2026-11-30T00:00:00Z"));
        assert_eq!(f.received, 0);
        assert_eq!(f.resolution_rate.percent, None);
        assert_eq!(percent(1, 8).as_deref(), Some("12.5"));
        assert_eq!(percent(2, 3).as_deref(), Some("66.7"));
        assert_eq!(percent(1, 3).as_deref(), Some("33.3"));
        assert_eq!(percent(1, 1).as_deref(), Some("100.0"));
    }
}
