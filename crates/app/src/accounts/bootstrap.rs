//! The first administrator, created at first start when no admin exists (an operator's
//! command: no caller).

use crate::Error;
use diandan_auth::password;
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::roles::GrantRow;
use diandan_store::{audit, chains, clock, roles, users, Db};
use serde_json::json;

/// Creates the platform admin `username` when no admin exists, with `password` or a
/// generated one. Returns the generated password, if one was generated (it is shown once and
/// never stored in clear).
pub fn bootstrap_admin(db: &Db, username: &str, password: Option<&str>) -> Result<Option<String>, Error> {
    let exists = db.read(|c| Ok::<_, Error>(roles::any_admin(c)?))?;
    if exists {
        return Ok(None);
    }
    let (pw, generated) = match password {
        Some(p) => (p.to_owned(), false),
        None => (password::generate(), true),
    };
    password::check_strength(&pw).map_err(|m| Error::invalid("DIANDAN_ADMIN_PASSWORD", m))?;
    let hash = password::hash(&pw);
    let created = db.write(|c| {
        // Another process starting at the same moment may be creating it: wait, then look again.
        chains::hold_startup(c)?;
        if roles::any_admin(c)? {
            return Ok(false);
        }
        let user = match users::by_username(c, username)? {
            Some(u) => u,
            None => users::insert_staff(c, username, &hash, "Administrator")?,
        };
        let grant = GrantRow {
            id: clock::new_id(),
            user_id: user.id.clone(),
            role: Role::Admin,
            district_id: None,
            community_id: None,
            granted_by: None,
            granted_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
            company_id: None,
        };
        roles::insert(c, &grant)?;
        audit::append(
            c,
            audit::Event {
                actor_id: None,
                action: "role.bootstrap_admin",
                object_type: "role_grant",
                object_id: &grant.id,
                community_id: None,
                district_id: None,
                detail: json!({ "user_id": user.id, "username": username }),
            },
        )?;
        Ok::<_, Error>(true)
    })?;
    Ok((created && generated).then_some(pw))
}
