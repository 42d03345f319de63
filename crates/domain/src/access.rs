//! Who may act where. A user's active grants are loaded once per request; every check names
//! the community (and its district) of the object being touched, never a community the caller
//! merely claims.

use crate::roles::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub role: Role,
    /// For admin: the district administered (None: every district). For community roles: the
    /// community's district.
    pub district_id: Option<String>,
    /// For community roles: the community.
    pub community_id: Option<String>,
    /// For property staff: the company they work for.
    pub company_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants(pub Vec<Grant>);

impl Grants {
    /// An admin with no district: the street-office platform operator created at first start.
    pub fn is_global_admin(&self) -> bool {
        self.0.iter().any(|g| g.role == Role::Admin && g.district_id.is_none())
    }

    pub fn is_any_admin(&self) -> bool {
        self.0.iter().any(|g| g.role == Role::Admin)
    }

    pub fn administers(&self, district_id: &str) -> bool {
        self.0.iter().any(|g| {
            g.role == Role::Admin
                && g.community_id.is_none()
                && g.district_id.as_deref().is_none_or(|d| d == district_id)
        })
    }

    /// Holds `role` in the community (admin: administers the community's district).
    pub fn has(&self, role: Role, community_id: &str, district_id: &str) -> bool {
        match role {
            Role::Admin => self.administers(district_id),
            _ => self.0.iter().any(|g| g.role == role && g.community_id.as_deref() == Some(community_id)),
        }
    }

    pub fn has_any(&self, roles: &[Role], community_id: &str, district_id: &str) -> bool {
        roles.iter().any(|r| self.has(*r, community_id, district_id))
    }

    /// The companies whose staff the user is.
    pub fn companies(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.0.iter().filter_map(|g| g.company_id.as_deref()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Communities where the user holds a community role (admin excluded).
    pub fn communities(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.0.iter().filter_map(|g| g.community_id.as_deref()).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Districts administered; None inside means every district.
    pub fn admin_districts(&self) -> Vec<Option<&str>> {
        self.0.iter().filter(|g| g.role == Role::Admin).map(|g| g.district_id.as_deref()).collect()
    }
}

/// Whether `caller` may disable or enable the account holding `target`: a platform admin any
/// account; a district admin an account that administers nothing and whose every role lies in
/// districts the caller administers (a fresh account with no role: any admin).
pub fn may_manage_account(caller: &Grants, target: &Grants) -> bool {
    if caller.is_global_admin() {
        return true;
    }
    caller.is_any_admin()
        && !target.is_any_admin()
        && target.0.iter().all(|g| g.district_id.as_deref().is_some_and(|d| caller.administers(d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(role: Role, d: Option<&str>, c: Option<&str>) -> Grant {
        Grant { role, district_id: d.map(Into::into), community_id: c.map(Into::into), company_id: None }
    }

    #[test]
    fn who_may_disable_an_account() {
        let platform = Grants(vec![g(Role::Admin, None, None)]);
        let district_a = Grants(vec![g(Role::Admin, Some("A"), None)]);
        let committee_a = Grants(vec![g(Role::Committee, Some("A"), Some("c1"))]);
        let committee_ab =
            Grants(vec![g(Role::Committee, Some("A"), Some("c1")), g(Role::Designer, Some("B"), Some("c2"))]);
        let property = Grants(vec![Grant {
            role: Role::Property,
            district_id: None,
            community_id: None,
            company_id: Some("co".into()),
        }]);
        assert!(may_manage_account(&platform, &district_a));
        assert!(may_manage_account(&district_a, &committee_a));
        assert!(may_manage_account(&district_a, &Grants::default()), "a fresh account");
        assert!(!may_manage_account(&district_a, &committee_ab), "a role in another district");
        assert!(!may_manage_account(&district_a, &district_a), "admins are the platform's to disable");
        assert!(!may_manage_account(&district_a, &property), "no district to check");
        assert!(!may_manage_account(&committee_a, &Grants::default()));
    }

    #[test]
    fn committee_is_bound_to_its_community() {
        let gs = Grants(vec![g(Role::Committee, Some("d1"), Some("c1"))]);
        assert!(gs.has(Role::Committee, "c1", "d1"));
        assert!(!gs.has(Role::Committee, "c2", "d1"));
        assert!(!gs.has(Role::Admin, "c1", "d1"));
        assert!(!gs.has(Role::Designer, "c1", "d1"));
    }

    #[test]
    fn district_admin_reaches_only_its_district() {
        let gs = Grants(vec![g(Role::Admin, Some("d1"), None)]);
        assert!(gs.has(Role::Admin, "any", "d1"));
        assert!(!gs.has(Role::Admin, "any", "d2"));
        assert!(!gs.is_global_admin());
        let root = Grants(vec![g(Role::Admin, None, None)]);
        assert!(root.has(Role::Admin, "any", "d2"));
        assert!(root.is_global_admin());
    }
}
