//! POST /api/v1/users — an admin creates a staff account (committee, designer, property...).

use crate::blocking;
use crate::caller::Caller;
use crate::problem::{ApiError, FieldError};
use crate::problem::{Code, Error};
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::principal::principal;
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
}

impl From<users::UserRow> for StaffView {
    fn from(u: users::UserRow) -> Self {
        StaffView {
            id: u.id,
            kind: u.kind,
            username: u.username,
            display_name: u.display_name,
            created_at: diandan_domain::time::from_db(u.created_at),
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

/// Create a staff account. Roles are granted separately (POST /role-grants).
#[utoipa::path(
    operation_id = "createStaffUser",
    tag = "identity",
    security(("bearer" = [])),
    request_body = NewStaff,
    responses(
        (status = 201, body = StaffView),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "username_taken", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/users")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewStaff>,
) -> Result<HttpResponse, ApiError> {
    let NewStaff { username, password: pw, display_name } = body.into_inner();
    let username = username.trim().to_string();
    let mut errors = Vec::new();
    let display_name = limits::DISPLAY_NAME.check(&display_name).unwrap_or_else(|m| {
        errors.push(FieldError { field: "display_name".into(), message: m });
        String::new()
    });
    if let Err(m) = validate_username(&username) {
        errors.push(FieldError { field: "username".into(), message: m });
    }
    if let Err(m) = password::check_strength(&pw) {
        errors.push(FieldError { field: "password".into(), message: m });
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    // Check permission before spending ~30 ms of CPU on the hash.
    let check = caller.clone();
    blocking::read(&state, move |c| {
        let p = principal(c, &check)?;
        if p.grants.is_any_admin() {
            Ok(())
        } else {
            Err(Error::new(Code::Forbidden, "only administrators create staff accounts"))
        }
    })
    .await?;
    let hash = state.password_work.run(move || password::hash(&pw)).await?;
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let row = users::insert_staff(c, &username, &hash, &display_name).map_err(|e| match e {
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
                detail: json!({ "username": row.username }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(StaffView::from(row)))
}
