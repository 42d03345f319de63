//! Permission checks against the community of the object being touched. Runs inside the same
//! blocking closure as the handler's queries, with the grants read fresh from the database.

use crate::{Code, Error};
use diandan_domain::access::Grants;
use diandan_domain::roles::Role;
use diandan_store::communities::CommunityRow;
use diandan_store::users::UserRow;
use diandan_store::{communities, roles, AnyConnection};

/// Who a verified access token says is calling: the subject and its kind (`staff` or
/// `resident`). The account itself is read fresh in each use case ([`principal`]).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub kind: String,
}

pub struct Principal {
    pub user: UserRow,
    pub grants: Grants,
}

impl Principal {
    pub fn id(&self) -> &str {
        &self.user.id
    }

    pub fn require_global_admin(&self) -> Result<(), Error> {
        if self.grants.is_global_admin() {
            Ok(())
        } else {
            Err(Error::new(Code::Forbidden, "only a platform administrator may do this"))
        }
    }

    pub fn require_admin_of(&self, district_id: &str) -> Result<(), Error> {
        if self.grants.administers(district_id) {
            Ok(())
        } else {
            Err(Error::new(Code::Forbidden, "only an administrator of this district may do this"))
        }
    }

    /// Holds one of `roles` in `community` (admin meaning: administers its district).
    pub fn require(&self, roles: &[Role], community: &CommunityRow) -> Result<(), Error> {
        if self.grants.has_any(roles, &community.id, &community.district_id) {
            Ok(())
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            Err(Error::new(Code::Forbidden, format!("this needs the role {} in this community", names.join(" or "))))
        }
    }

    pub fn has(&self, roles: &[Role], community: &CommunityRow) -> bool {
        self.grants.has_any(roles, &community.id, &community.district_id)
    }
}

/// Loads the caller's user row and active grants; a disabled or deleted account is refused.
pub fn principal(conn: &mut AnyConnection, caller: &Actor) -> Result<Principal, Error> {
    let (user, grants) = roles::user_with_grants(conn, &caller.user_id)?.ok_or_else(account_gone)?;
    if user.disabled_at.is_some() {
        return Err(account_disabled());
    }
    Ok(Principal { user, grants })
}

/// The refusal of a token whose account no longer exists (erased, or never was).
pub fn account_gone() -> Error {
    Error::new(Code::InvalidToken, "the account behind this token no longer exists")
}

/// The refusal of a token whose account an administrator disabled.
pub fn account_disabled() -> Error {
    Error::new(Code::AccountDisabled, "this account is disabled")
}

pub fn community(conn: &mut AnyConnection, id: &str) -> Result<CommunityRow, Error> {
    if !diandan_domain::ids::is_uuid(id) {
        return Err(Error::not_found("community"));
    }
    communities::get(conn, id)?.ok_or_else(|| Error::not_found("community"))
}
