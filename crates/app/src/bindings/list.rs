//! The claims of a community, for the committee to review.

use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::views::BindingView;
use crate::{Actor, Context, Error};
use diandan_domain::roles::{BindingStatus, Role};
use diandan_store::bindings;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct BindingQuery {
    /// pending | approved | rejected | withdrawn (default: all)
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The bindings of community `id` (claimant name and masked phone included).
pub fn list_bindings(ctx: &Context, actor: &Actor, id: &str, q: &BindingQuery) -> Result<Page<BindingView>, Error> {
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let items = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, id)?;
        p.require(&[Role::Admin, Role::Committee], &comm)?;
        if let Some(s) = &q.status {
            BindingStatus::parse(s)
                .ok_or_else(|| Error::invalid("status", "must be pending, approved, rejected or withdrawn"))?;
        }
        let rows = bindings::list_for_community(c, &comm.id, q.status.as_deref(), page.limit() + 1, page.offset())?;
        let mut views: Vec<BindingView> = rows.into_iter().map(BindingView::for_committee).collect();
        crate::views::hide_held_names(c, &mut views)?;
        Ok::<_, Error>(views)
    })?;
    Ok(Page::from_overfetch(items, &page))
}
