//! 委托投票: an owner authorises one person to vote for them in one consultation. The rules of
//! its life: who may still authorise, confirm, revoke and cast, and how many owners one proxy
//! may hold (Weifang's rule: three, configurable).

use crate::consultation::State;

/// How many owners one person may vote for in one consultation, unless configured otherwise.
pub const DEFAULT_LIMIT: u32 = 3;

crate::wire_enum! {
    pub enum ProxyStatus {
        /// Entered, waiting for a committee member's check of the written authorisation.
        Pending = "pending",
        /// Checked: the proxy may cast for the owner.
        Confirmed = "confirmed",
        /// The committee found the authorisation wanting.
        Rejected = "rejected",
        /// Withdrawn by the owner (or, on a paper revocation, by the committee).
        Revoked = "revoked",
    }
}

impl ProxyStatus {
    /// Pending and confirmed authorisations stand: the owner has no second one, and they count
    /// towards the proxy's limit.
    pub fn stands(self) -> bool {
        matches!(self, ProxyStatus::Pending | ProxyStatus::Confirmed)
    }
}

crate::wire_enum! {
    pub enum ProxyKind {
        /// An adult living in the community: their account needs an approved claim here.
        Resident = "resident",
        /// A family member, known only by name and phone.
        Family = "family",
    }
}

/// Why an authorisation cannot take a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The consultation no longer (or not yet) takes authorisations: it is past voting.
    Closed,
    /// The proxy already holds `limit` owners' votes here.
    LimitReached(u32),
    /// The step needs another status (pending to decide; standing to revoke; confirmed to cast).
    WrongStatus(ProxyStatus),
    /// The proxy has cast a ballot under it: revoking now would not take that ballot back (the
    /// owner's own later ballot supersedes it instead).
    ProxyHasVoted,
    /// The owner has voted themselves (online or on paper): their own ballot stands and the
    /// proxy no longer casts for them.
    OwnerVotedInPerson,
}

/// Authorisations are entered and confirmed from the announcement until voting closes.
pub fn takes_authorisations(state: State) -> Result<(), Refusal> {
    match state {
        State::Announced | State::Open => Ok(()),
        _ => Err(Refusal::Closed),
    }
}

/// A new or confirmed authorisation for a proxy who already holds `held` standing ones (not
/// counting this one).
pub fn within_limit(held: usize, limit: u32) -> Result<(), Refusal> {
    if held as u64 >= limit as u64 {
        Err(Refusal::LimitReached(limit))
    } else {
        Ok(())
    }
}

/// A committee member confirms or rejects only a pending authorisation.
pub fn may_decide(status: ProxyStatus) -> Result<(), Refusal> {
    if status == ProxyStatus::Pending {
        Ok(())
    } else {
        Err(Refusal::WrongStatus(status))
    }
}

/// The owner revokes a standing authorisation until the proxy has cast under it.
pub fn may_revoke(status: ProxyStatus, proxy_has_cast: bool) -> Result<(), Refusal> {
    if !status.stands() {
        return Err(Refusal::WrongStatus(status));
    }
    if proxy_has_cast {
        return Err(Refusal::ProxyHasVoted);
    }
    Ok(())
}

/// The proxy casts (and revises) under a confirmed authorisation while the owner has not voted
/// themselves.
pub fn may_cast(status: ProxyStatus, owner_voted_in_person: bool) -> Result<(), Refusal> {
    if status != ProxyStatus::Confirmed {
        return Err(Refusal::WrongStatus(status));
    }
    if owner_voted_in_person {
        return Err(Refusal::OwnerVotedInPerson);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProxyStatus::*;

    #[test]
    fn authorisations_are_taken_from_the_announcement_until_closing() {
        assert_eq!(takes_authorisations(State::Draft), Err(Refusal::Closed));
        assert_eq!(takes_authorisations(State::Announced), Ok(()));
        assert_eq!(takes_authorisations(State::Open), Ok(()));
        assert_eq!(takes_authorisations(State::Closed), Err(Refusal::Closed));
    }

    #[test]
    fn a_proxy_holds_at_most_the_limit() {
        assert_eq!(within_limit(0, 3), Ok(()));
        assert_eq!(within_limit(2, 3), Ok(()));
        assert_eq!(within_limit(3, 3), Err(Refusal::LimitReached(3)));
        assert_eq!(within_limit(0, 0), Err(Refusal::LimitReached(0)));
    }

    #[test]
    fn each_step_needs_its_status() {
        assert_eq!(may_decide(Pending), Ok(()));
        assert_eq!(may_decide(Confirmed), Err(Refusal::WrongStatus(Confirmed)));
        assert_eq!(may_revoke(Pending, false), Ok(()));
        assert_eq!(may_revoke(Confirmed, false), Ok(()));
        assert_eq!(may_revoke(Confirmed, true), Err(Refusal::ProxyHasVoted));
        assert_eq!(may_revoke(Revoked, false), Err(Refusal::WrongStatus(Revoked)));
        assert_eq!(may_cast(Confirmed, false), Ok(()));
        assert_eq!(may_cast(Pending, false), Err(Refusal::WrongStatus(Pending)));
        assert_eq!(may_cast(Confirmed, true), Err(Refusal::OwnerVotedInPerson));
        assert!(Pending.stands() && Confirmed.stands() && !Rejected.stands() && !Revoked.stands());
    }
}
