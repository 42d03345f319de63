//! Staff accounts: an admin creates one (committee, designer, property...) and lists them.
//! Creating is two use cases around the password hash, which runs on the server's bounded
//! hashing pool: [`prepare_staff`] checks the right and the fields, [`StaffDraft::hash`] hashes
//! (run it on the hashing pool), [`create_staff`] stores the account.

use crate::page::{Page, PageQuery};
use crate::principal::{principal, Principal};
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_auth::password;
use diandan_domain::limits;
use diandan_store::{audit, users, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    /// 3–64 characters: letters, digits, `.`, `_`, `-`.
    pub username: String,
    /// At least 10 characters.
    pub password: String,
    pub display_name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub id: String,
    pub kind: String,
    pub username: Option<String>,
    pub display_name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The account is disabled (refused at every request) since then.
    pub disabled_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<users::UserRow> for StaffView {
    fn from(u: users::UserRow) -> Self {
        StaffView {
            id: u.id,
            kind: u.kind,
            username: u.username,
            display_name: u.display_name,
            created_at: diandan_domain::time::from_db(u.created_at),
            disabled_at: u.disabled_at.map(diandan_domain::time::from_db),
        }
    }
}

pub fn validate_username(u: &str) -> Result<(), String> {
    let ok_chars = u.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if (3..=64).contains(&u.len()) && ok_chars {
        Ok(())
    } else {
        Err("must be 3–64 characters: letters, digits, '.', '_' or '-'".into())
    }
}

fn require_admin(p: &Principal, what: &str) -> Result<(), Error> {
    if p.grants.is_any_admin() {
        Ok(())
    } else {
        Err(Error::new(Code::Forbidden, format!("only administrators {what}")))
    }
}

/// A staff account whose creator and fields have been checked; its password not yet hashed.
pub struct StaffDraft {
    username: String,
    password: String,
    display_name: String,
}

/// A staff account ready to be stored.
pub struct HashedStaff {
    username: String,
    hash: String,
    display_name: String,
}

/// Checks the caller's right (before ~30 ms of CPU are spent on the hash), then the fields.
pub fn prepare_staff(ctx: &Context, actor: &Actor, new: NewStaff) -> Result<StaffDraft, Error> {
    ctx.db.read(|c| require_admin(&principal(c, actor)?, "create staff accounts"))?;
    let NewStaff { username, password: pw, display_name } = new;
    let username = username.trim().to_string();
    let mut errors = Vec::new();
    let display_name = limits::DISPLAY_NAME.check(&display_name).unwrap_or_else(|m| {
        errors.push(FieldError::new("display_name", m));
        String::new()
    });
    if let Err(m) = validate_username(&username) {
        errors.push(FieldError::new("username", m));
    }
    if let Err(m) = password::check_strength(&pw) {
        errors.push(FieldError::new("password", m));
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    Ok(StaffDraft { username, password: pw, display_name })
}

impl StaffDraft {
    /// Hashes the password: slow on purpose, so run it on the hashing pool.
    pub fn hash(self) -> HashedStaff {
        HashedStaff { hash: password::hash(&self.password), username: self.username, display_name: self.display_name }
    }
}

/// Stores the account (its creator's right read afresh) with its audit entry.
pub fn create_staff(ctx: &Context, actor: &Actor, staff: HashedStaff) -> Result<StaffView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        require_admin(&p, "create staff accounts")?;
        let row = users::insert_staff(c, &staff.username, &staff.hash, &staff.display_name).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::UsernameTaken, "this username is taken"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "user.create_staff",
                object_type: "user",
                object_id: &row.id,
                community_id: None,
                district_id: None,
                detail: json!({ "username": row.username }),
            },
        )?;
        Ok(StaffView::from(row))
    })
}

/// Staff accounts, for admins choosing whom to appoint.
pub fn list_staff(ctx: &Context, actor: &Actor, q: &PageQuery) -> Result<Page<StaffView>, Error> {
    let rows = ctx.db.read(|c| {
        require_admin(&principal(c, actor)?, "list staff accounts")?;
        Ok::<_, Error>(users::list_staff(c, q.limit() + 1, q.offset())?)
    })?;
    Ok(Page::from_overfetch(rows.into_iter().map(StaffView::from).collect(), q))
}
