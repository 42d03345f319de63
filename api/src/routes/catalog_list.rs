//! GET /api/v1/catalog — the renovation menu to build consultations from.

use crate::blocking;
use crate::caller::Caller;
use crate::problem::ApiError;
use crate::state::AppState;
use actix_web::{get, web};
use diandan_app::principal::{community, principal};
use diandan_domain::catalog::DEFAULT_CATALOG;
use diandan_store::consultations;
use serde::{Deserialize, Serialize};
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

/// The default catalogue (国办发〔2020〕23号), plus a community's own items when asked.
#[utoipa::path(
    operation_id = "listCatalog",
    tag = "consultations",
    security(("bearer" = [])),
    params(CatalogQuery),
    responses((status = 200, body = Vec<CatalogItem>), (status = 404, body = crate::problem::Problem))
)]
#[get("/catalog")]
pub async fn handler(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<CatalogQuery>,
) -> Result<web::Json<Vec<CatalogItem>>, ApiError> {
    let q = q.into_inner();
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
    let own = blocking::read(&state, move |c| {
        principal(c, &caller)?;
        match q.community_id {
            Some(id) => {
                let comm = community(c, &id)?;
                Ok(consultations::catalog_items(c, &comm.id)?)
            }
            None => Ok(Vec::new()),
        }
    })
    .await?;
    items.extend(own.into_iter().map(|r| CatalogItem {
        code: r.code,
        name: r.name,
        category: r.category,
        scope: r.scope,
        rule: r.rule,
        community_id: Some(r.community_id),
    }));
    Ok(web::Json(items))
}
