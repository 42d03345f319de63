//! A community's roster, filtered and paginated; owner fields for the committee and admins.

use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::views::DwellingView;
use crate::{Actor, Context, Error};
use diandan_domain::roles::Role;
use diandan_store::roster::{self, DwellingFilter};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct DwellingQuery {
    pub building_id: Option<String>,
    pub unit_id: Option<String>,
    pub room: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// The dwellings of community `id` matching `q`.
pub fn list_dwellings(ctx: &Context, actor: &Actor, id: &str, q: DwellingQuery) -> Result<Page<DwellingView>, Error> {
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let items = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, id)?;
        let with_owner = p.has(&[Role::Admin, Role::Committee], &comm);
        let filter = DwellingFilter { building_id: q.building_id, unit_id: q.unit_id, room: q.room };
        let rows = roster::dwellings(c, &comm.id, &filter, page.limit() + 1, page.offset())?;
        Ok::<_, Error>(rows.into_iter().map(|d| DwellingView::build(d, with_owner)).collect())
    })?;
    Ok(Page::from_overfetch(items, &page))
}
