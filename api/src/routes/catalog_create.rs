//! POST /api/v1/communities/{id}/catalog — a community adds an item of its own to the menu.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::{ApiError, FieldError};
use crate::problem::{Code, Error};
use crate::routes::catalog_list::CatalogItem;
use crate::state::AppState;
use actix_web::{post, web, HttpResponse};
use diandan_app::consultations::views::require_manager;
use diandan_app::principal::{community, principal};
use diandan_domain::catalog::{self, Category};
use diandan_domain::electorate::ScopeKind;
use diandan_domain::limits;
use diandan_domain::tally::Rule;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::consultations::{self, CatalogItemRow};
use diandan_store::{audit, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCatalogItem {
    /// Stable code: lowercase letters, digits and `_`, 3–40 characters, not a default code.
    pub code: String,
    pub name: String,
    pub category: String,
    pub scope: String,
    pub rule: String,
}

/// Add a community catalogue item.
#[utoipa::path(
    operation_id = "createCatalogItem",
    tag = "consultations",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "community id")),
    request_body = NewCatalogItem,
    responses(
        (status = 201, body = CatalogItem),
        (status = 403, body = crate::problem::Problem),
        (status = 409, description = "code_taken", body = crate::problem::Problem),
        (status = 422, body = crate::problem::Problem),
    )
)]
#[post("/catalog")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<NewCatalogItem>,
) -> Result<HttpResponse, ApiError> {
    let b = body.into_inner();
    let mut errors = Vec::new();
    let code_ok = (3..=40).contains(&b.code.len())
        && b.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !code_ok {
        errors.push(FieldError { field: "code".into(), message: "3–40 characters: a-z, 0-9, _".into() });
    } else if catalog::find(&b.code).is_some() {
        errors.push(FieldError { field: "code".into(), message: "is a default catalogue code".into() });
    }
    let name = limits::ITEM_NAME.check(&b.name).unwrap_or_else(|m| {
        errors.push(FieldError { field: "name".into(), message: m });
        String::new()
    });
    if Category::parse(&b.category).is_none() {
        errors
            .push(FieldError { field: "category".into(), message: "must be basic, improvement or enhancement".into() });
    }
    if ScopeKind::parse(&b.scope).is_none() {
        errors.push(FieldError { field: "scope".into(), message: "must be community, building or unit".into() });
    }
    if Rule::parse(&b.rule).is_none() {
        errors.push(FieldError {
            field: "rule".into(),
            message: "must be majority, supermajority or consultative".into(),
        });
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let id = id.into_inner();
    let row = blocking::write(&state, move |c| {
        let p = principal(c, &caller)?;
        let comm = community(c, &id)?;
        require_manager(&p, &comm)?;
        let row = CatalogItemRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            code: b.code,
            name,
            category: b.category,
            scope: b.scope,
            rule: b.rule,
            created_by: Some(p.id().to_owned()),
            created_at: time::to_db(clock::now()),
        };
        consultations::insert_catalog_item(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::CodeTaken, "this community already has an item with this code"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "catalog.add",
                object_type: "catalog_item",
                object_id: &row.id,
                community_id: Some(&comm.id),
                detail: json!({ "code": row.code, "rule": row.rule }),
            },
        )?;
        Ok(row)
    })
    .await?;
    Ok(HttpResponse::Created().json(CatalogItem {
        code: row.code,
        name: row.name,
        category: row.category,
        scope: row.scope,
        rule: row.rule,
        community_id: Some(row.community_id),
    }))
}
