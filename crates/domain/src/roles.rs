//! Roles, binding relations and binding states, with their wire names.

crate::wire_enum! {
    /// A role granted to a user. Admin is per district (or global when no district is named);
    /// the others are per community.
    pub enum Role {
        Admin = "admin",
        Committee = "committee",
        Designer = "designer",
        Property = "property",
    }
}

crate::wire_enum! {
    /// How a resident relates to a dwelling. Only owners vote; both may complain and rate.
    pub enum Relation {
        Owner = "owner",
        Occupant = "occupant",
    }
}

crate::wire_enum! {
    /// Binding lifecycle: pending → approved | rejected; a resident may withdraw a pending or
    /// approved binding. Nothing leaves rejected or withdrawn (a new claim is a new binding).
    pub enum BindingStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
}

impl BindingStatus {
    /// Whether the committee's decision (approve/reject) may be taken from this state.
    pub fn can_decide(self) -> bool {
        self == BindingStatus::Pending
    }
    /// An active binding blocks a second claim of the same dwelling by the same user.
    pub fn is_active(self) -> bool {
        matches!(self, BindingStatus::Pending | BindingStatus::Approved)
    }
}

/// A binding is auto-approved only for an owner claim whose verified phone equals the phone
/// registered on the roster for that dwelling.
pub fn auto_approves(relation: Relation, verified_phone: Option<&str>, roster_phone: Option<&str>) -> bool {
    match (relation, verified_phone, roster_phone) {
        (Relation::Owner, Some(a), Some(b)) => !a.is_empty() && a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_approval_needs_owner_and_equal_verified_phone() {
        assert!(auto_approves(Relation::Owner, Some("13800001234"), Some("13800001234")));
        assert!(!auto_approves(Relation::Occupant, Some("13800001234"), Some("13800001234")));
        assert!(!auto_approves(Relation::Owner, Some("13800001234"), Some("13800001235")));
        assert!(!auto_approves(Relation::Owner, None, Some("13800001234")));
        assert!(!auto_approves(Relation::Owner, Some(""), Some("")));
    }

    #[test]
    fn only_pending_bindings_are_decided() {
        assert!(BindingStatus::Pending.can_decide());
        assert!(!BindingStatus::Approved.can_decide());
        assert!(!BindingStatus::Rejected.can_decide());
        assert!(BindingStatus::Approved.is_active());
        assert!(!BindingStatus::Withdrawn.is_active());
    }

    #[test]
    fn wire_names_round_trip() {
        for r in [Role::Admin, Role::Committee, Role::Designer, Role::Property] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
