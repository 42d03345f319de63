//! The renovation catalogue consultations are built from: the default menu (国办发〔2020〕23号)
//! with a community's own items, and the committee adding one of its own.

use crate::consultations::views::require_manager;
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_domain::catalog::{self, Category, DEFAULT_CATALOG};
use diandan_domain::electorate::ScopeKind;
use diandan_domain::limits;
use diandan_domain::tally::Rule;
use diandan_domain::time;
use diandan_store::consultations::{self, CatalogItemRow};
use diandan_store::{audit, clock, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CatalogQuery {
    /// Also list this community's own items.
    pub community_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CatalogItem {
    pub code: String,
    pub name: String,
    /// basic (基础) | improvement (完善) | enhancement (提升)
    pub category: String,
    /// community | building | unit
    pub scope: String,
    /// majority | supermajority | consultative
    pub rule: String,
    /// The community that added it; absent for the default menu.
    pub community_id: Option<String>,
}

impl From<CatalogItemRow> for CatalogItem {
    fn from(r: CatalogItemRow) -> Self {
        CatalogItem {
            code: r.code,
            name: r.name,
            category: r.category.into(),
            scope: r.scope.into(),
            rule: r.rule.into(),
            community_id: Some(r.community_id),
        }
    }
}

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

/// The default catalogue, then the own items of `q.community_id` when named.
pub fn list_catalog(ctx: &Context, actor: &Actor, q: &CatalogQuery) -> Result<Vec<CatalogItem>, Error> {
    let mut items: Vec<CatalogItem> = DEFAULT_CATALOG
        .iter()
        .map(|e| CatalogItem {
            code: e.code.into(),
            name: e.name.into(),
            category: e.category.as_str().into(),
            scope: e.scope.as_str().into(),
            rule: e.rule.as_str().into(),
            community_id: None,
        })
        .collect();
    let own = ctx.db.read(|c| {
        principal(c, actor)?;
        match &q.community_id {
            Some(id) => {
                let comm = community(c, id)?;
                Ok(consultations::catalog_items(c, &comm.id)?)
            }
            None => Ok::<_, Error>(Vec::new()),
        }
    })?;
    items.extend(own.into_iter().map(CatalogItem::from));
    Ok(items)
}

/// Adds item `b` to community `community_id`'s own catalogue; answers the new item.
pub fn add_catalog_item(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    b: NewCatalogItem,
) -> Result<CatalogItem, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        require_manager(&p, &comm)?;
        // The caller may add here: now the item is looked at.
        let mut errors = Vec::new();
        let code_ok = (3..=40).contains(&b.code.len())
            && b.code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !code_ok {
            errors.push(FieldError::new("code", "3–40 characters: a-z, 0-9, _"));
        } else if catalog::find(&b.code).is_some() {
            errors.push(FieldError::new("code", "is a default catalogue code"));
        }
        let name = limits::ITEM_NAME.check(&b.name).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        if Category::parse(&b.category).is_none() {
            errors.push(FieldError::new("category", "must be basic, improvement or enhancement"));
        }
        if ScopeKind::parse(&b.scope).is_none() {
            errors.push(FieldError::new("scope", "must be community, building or unit"));
        }
        if Rule::parse(&b.rule).is_none() {
            errors.push(FieldError::new("rule", "must be majority, supermajority or consultative"));
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let row = CatalogItemRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            code: b.code,
            name,
            category: Category::parse(&b.category).expect("checked above"),
            scope: ScopeKind::parse(&b.scope).expect("checked above"),
            rule: Rule::parse(&b.rule).expect("checked above"),
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
                district_id: None,
                detail: json!({ "code": row.code, "rule": row.rule }),
            },
        )?;
        Ok(CatalogItem::from(row))
    })
}
