//! The consultation lifecycle: draft → announced → open → closed → preliminary → reviewed →
//! published. Every transition is explicit (opening and closing may also come from the
//! schedule) and checked here.

use chrono::{DateTime, Duration, Utc};

crate::wire_enum! {
    pub enum State {
        Draft = "draft",
        /// 公示: the agenda is public, nothing can be added.
        Announced = "announced",
        Open = "open",
        Closed = "closed",
        /// 询异公示: the preliminary result is public for objections.
        Preliminary = "preliminary",
        Reviewed = "reviewed",
        Published = "published",
    }
}

impl State {
    /// The menu can change only while drafting.
    pub fn menu_editable(self) -> bool {
        self == State::Draft
    }
    /// Results (how owners voted, in aggregate) are visible from closing on.
    pub fn results_visible(self) -> bool {
        matches!(self, State::Closed | State::Preliminary | State::Reviewed | State::Published)
    }
    /// The roll is frozen at opening: from then on the electorate is the consultation's own.
    pub fn roll_frozen(self) -> bool {
        !matches!(self, State::Draft | State::Announced)
    }
    /// Paper ballots signed before closing may be entered until the result is final.
    pub fn accepts_paper(self) -> bool {
        matches!(self, State::Open | State::Closed | State::Preliminary)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a consultation that is {from} cannot be {action}")]
    WrongState { from: &'static str, action: &'static str },
    #[error("the menu is empty")]
    EmptyMenu,
    #[error("the voting window is not set: give opens_at and closes_at")]
    NoWindow,
    #[error("closes_at must be after opens_at")]
    WindowInverted,
    #[error("the announcement period of {days} days ends at {until}; voting cannot open before")]
    AnnouncementRunning { days: i64, until: DateTime<Utc> },
    #[error("the voting window ends at {0}; it can only be closed early by the schedule, not by hand")]
    WindowRunning(DateTime<Utc>),
    #[error("the new closing time must be later than the current one ({0})")]
    NotLater(DateTime<Utc>),
    #[error("the voting window may last at most {0} days from its opening, extensions included")]
    WindowTooLong(i64),
    #[error("the objection window ends at {0}")]
    ObjectionsRunning(DateTime<Utc>),
    #[error("{0} objection(s) are unanswered")]
    UnansweredObjections(i64),
    #[error("{0} item(s) have no decision")]
    UndecidedItems(i64),
}

fn wrong(from: State, action: &'static str) -> TransitionError {
    TransitionError::WrongState { from: from.as_str(), action }
}

/// Announcing fixes the agenda; the window must leave the announcement period before opening.
pub fn check_announce(
    state: State,
    items: usize,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    announce_days: i64,
    now: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if state != State::Draft {
        return Err(wrong(state, "announced"));
    }
    if items == 0 {
        return Err(TransitionError::EmptyMenu);
    }
    let (Some(open), Some(close)) = (opens_at, closes_at) else { return Err(TransitionError::NoWindow) };
    if close <= open {
        return Err(TransitionError::WindowInverted);
    }
    let until = now + Duration::days(announce_days);
    if open < until {
        return Err(TransitionError::AnnouncementRunning { days: announce_days, until });
    }
    Ok(())
}

/// Opening (by hand or by the schedule) needs the announcement period to have run.
pub fn check_open(
    state: State,
    announced_at: Option<DateTime<Utc>>,
    announce_days: i64,
    now: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if state != State::Announced {
        return Err(wrong(state, "opened"));
    }
    let until = announced_at.unwrap_or(now) + Duration::days(announce_days);
    if now < until {
        return Err(TransitionError::AnnouncementRunning { days: announce_days, until });
    }
    Ok(())
}

/// Closing happens when the window ends. The committee may close by hand only once the
/// published window is over (a window residents were promised is never cut short).
pub fn check_close(state: State, closes_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), TransitionError> {
    if state != State::Open {
        return Err(wrong(state, "closed"));
    }
    match closes_at {
        Some(c) if now < c => Err(TransitionError::WindowRunning(c)),
        _ => Ok(()),
    }
}

/// Whether a voting window from `opens` to `closes` is longer than `max_days` (a vote that
/// never ends is no decision; Hangzhou's rules allow 60 days).
pub fn window_too_long(opens: DateTime<Utc>, closes: DateTime<Utc>, max_days: i64) -> bool {
    closes.signed_duration_since(opens) > chrono::Duration::days(max_days)
}

/// The window may be extended, never shortened, and never beyond `max_days` from opening.
pub fn check_extend(
    state: State,
    opens_at: Option<DateTime<Utc>>,
    closes_at: Option<DateTime<Utc>>,
    new_close: DateTime<Utc>,
    now: DateTime<Utc>,
    max_days: i64,
) -> Result<(), TransitionError> {
    if !matches!(state, State::Announced | State::Open) {
        return Err(wrong(state, "extended"));
    }
    let current = closes_at.unwrap_or(now);
    if new_close <= current || new_close <= now {
        return Err(TransitionError::NotLater(current));
    }
    if window_too_long(opens_at.unwrap_or(now), new_close, max_days) {
        return Err(TransitionError::WindowTooLong(max_days));
    }
    Ok(())
}

pub fn check_preliminary(state: State) -> Result<(), TransitionError> {
    if state != State::Closed {
        return Err(wrong(state, "published as preliminary"));
    }
    Ok(())
}

pub fn check_finish_review(
    state: State,
    objection_deadline: Option<DateTime<Utc>>,
    unanswered: i64,
    undecided: i64,
    now: DateTime<Utc>,
) -> Result<(), TransitionError> {
    if state != State::Preliminary {
        return Err(wrong(state, "reviewed"));
    }
    if let Some(d) = objection_deadline {
        if now < d {
            return Err(TransitionError::ObjectionsRunning(d));
        }
    }
    if unanswered > 0 {
        return Err(TransitionError::UnansweredObjections(unanswered));
    }
    if undecided > 0 {
        return Err(TransitionError::UndecidedItems(undecided));
    }
    Ok(())
}

pub fn check_publish(state: State) -> Result<(), TransitionError> {
    if state != State::Reviewed {
        return Err(wrong(state, "published"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + h * 3600, 0).unwrap()
    }

    #[test]
    fn announcement_needs_menu_window_and_period() {
        assert_eq!(
            check_announce(State::Draft, 0, Some(t(400)), Some(t(500)), 15, t(0)),
            Err(TransitionError::EmptyMenu)
        );
        assert_eq!(check_announce(State::Draft, 1, None, Some(t(500)), 15, t(0)), Err(TransitionError::NoWindow));
        assert_eq!(
            check_announce(State::Draft, 1, Some(t(500)), Some(t(500)), 15, t(0)),
            Err(TransitionError::WindowInverted)
        );
        // 15 days = 360 h: opening at 359 h is too early, at 360 h it is allowed.
        assert!(matches!(
            check_announce(State::Draft, 1, Some(t(359)), Some(t(500)), 15, t(0)),
            Err(TransitionError::AnnouncementRunning { .. })
        ));
        assert_eq!(check_announce(State::Draft, 1, Some(t(360)), Some(t(500)), 15, t(0)), Ok(()));
        assert!(matches!(
            check_announce(State::Open, 1, Some(t(360)), Some(t(500)), 15, t(0)),
            Err(TransitionError::WrongState { .. })
        ));
    }

    #[test]
    fn opening_waits_for_the_announcement_period() {
        assert!(check_open(State::Announced, Some(t(0)), 15, t(359)).is_err());
        assert_eq!(check_open(State::Announced, Some(t(0)), 15, t(360)), Ok(()));
        assert_eq!(check_open(State::Announced, Some(t(0)), 0, t(0)), Ok(()));
        assert!(check_open(State::Draft, Some(t(0)), 0, t(1)).is_err());
    }

    #[test]
    fn windows_are_never_shortened() {
        assert_eq!(check_close(State::Open, Some(t(10)), t(9)), Err(TransitionError::WindowRunning(t(10))));
        assert_eq!(check_close(State::Open, Some(t(10)), t(10)), Ok(()));
        assert_eq!(
            check_extend(State::Open, Some(t(0)), Some(t(10)), t(9), t(1), 60),
            Err(TransitionError::NotLater(t(10)))
        );
        assert_eq!(check_extend(State::Open, Some(t(0)), Some(t(10)), t(11), t(1), 60), Ok(()));
        assert!(check_extend(State::Closed, Some(t(0)), Some(t(10)), t(11), t(1), 60).is_err());
        // 60 days from opening is the bound itself; an hour more is refused.
        assert_eq!(check_extend(State::Open, Some(t(0)), Some(t(10)), t(60 * 24), t(1), 60), Ok(()));
        assert_eq!(
            check_extend(State::Open, Some(t(0)), Some(t(10)), t(60 * 24 + 1), t(1), 60),
            Err(TransitionError::WindowTooLong(60))
        );
    }

    #[test]
    fn review_needs_answers_decisions_and_the_objection_window() {
        assert_eq!(
            check_finish_review(State::Preliminary, Some(t(5)), 0, 0, t(4)),
            Err(TransitionError::ObjectionsRunning(t(5)))
        );
        assert_eq!(
            check_finish_review(State::Preliminary, Some(t(5)), 1, 0, t(5)),
            Err(TransitionError::UnansweredObjections(1))
        );
        assert_eq!(
            check_finish_review(State::Preliminary, Some(t(5)), 0, 2, t(5)),
            Err(TransitionError::UndecidedItems(2))
        );
        assert_eq!(check_finish_review(State::Preliminary, Some(t(5)), 0, 0, t(5)), Ok(()));
        assert_eq!(check_publish(State::Reviewed), Ok(()));
        assert!(check_publish(State::Preliminary).is_err());
    }

    #[test]
    fn what_each_state_allows() {
        assert!(State::Draft.menu_editable() && !State::Announced.menu_editable());
        assert!(!State::Open.results_visible() && State::Closed.results_visible());
        assert!(State::Preliminary.accepts_paper() && !State::Reviewed.accepts_paper());
    }
}
