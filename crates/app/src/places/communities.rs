//! Communities (小区): an admin registers one in their district; callers read one with its
//! roster totals, or list those they work in (residents: all, to find theirs).

use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::views::CommunityView;
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_domain::area::Area;
use diandan_domain::{ids, limits, time};
use diandan_store::communities::{self, CommunityRow, Visible};
use diandan_store::{audit, clock, roster, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommunity {
    pub district_id: String,
    pub name: String,
    pub address: String,
    /// Year of construction (1900–this year).
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
    pub year_built: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CommunityDetail {
    #[serde(flatten)]
    pub community: CommunityView,
    pub buildings: i64,
    pub units: i64,
    pub dwellings: i64,
    /// Total registered area, m² with two decimals.
    pub total_area: String,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct CommunityQuery {
    pub district_id: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Registers a community in district `new.district_id` (an admin of that district).
pub fn create_community(ctx: &Context, actor: &Actor, new: &NewCommunity) -> Result<CommunityView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(&new.district_id) || communities::district(c, &new.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&new.district_id)?;
        let mut errors = Vec::new();
        let name = limits::NAME.check(&new.name).unwrap_or_else(|m| {
            errors.push(FieldError::new("name", m));
            String::new()
        });
        let address = limits::ADDRESS.check(&new.address).unwrap_or_else(|m| {
            errors.push(FieldError::new("address", m));
            String::new()
        });
        let this_year = chrono::Datelike::year(&clock::now());
        if let Some(y) = new.year_built {
            if !(limits::YEAR_BUILT_MIN..=i64::from(this_year)).contains(&i64::from(y)) {
                errors.push(FieldError::new(
                    "year_built",
                    format!("must be between {} and {this_year}", limits::YEAR_BUILT_MIN),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let row = CommunityRow {
            id: clock::new_id(),
            district_id: new.district_id.clone(),
            name,
            address,
            year_built: new.year_built,
            created_at: time::to_db(clock::now()),
        };
        communities::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => {
                Error::new(Code::CommunityExists, "this district already has a community with this name")
            }
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "community.create",
                object_type: "community",
                object_id: &row.id,
                community_id: Some(&row.id),
                district_id: None,
                detail: json!({ "name": row.name, "district_id": row.district_id }),
            },
        )?;
        Ok(CommunityView::from(row))
    })
}

/// Community `id` with its roster totals.
pub fn get_community(ctx: &Context, actor: &Actor, id: &str) -> Result<CommunityDetail, Error> {
    ctx.db.read(|c| {
        principal(c, actor)?;
        let comm = community(c, id)?;
        let (buildings, units) = roster::tree(c, &comm.id)?;
        Ok(CommunityDetail {
            buildings: buildings.len() as i64,
            units: units.len() as i64,
            dwellings: units.iter().map(|u| u.dwellings).sum(),
            total_area: Area(units.iter().map(|u| u.area_centi).sum()).to_string(),
            community: CommunityView::from(comm),
        })
    })
}

/// The communities the caller may see: admins their districts', role holders those they hold
/// a role in, residents (no role) all.
pub fn list_communities(ctx: &Context, actor: &Actor, q: &CommunityQuery) -> Result<Page<CommunityView>, Error> {
    let page = PageQuery { limit: q.limit, offset: q.offset };
    let rows = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let has_roles = !p.grants.0.is_empty();
        let visible = Visible {
            all: !has_roles || p.grants.is_global_admin(),
            districts: p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect(),
            communities: p.grants.communities().into_iter().map(str::to_owned).collect(),
        };
        Ok::<_, Error>(communities::list(c, &visible, q.district_id.as_deref(), page.limit() + 1, page.offset())?)
    })?;
    Ok(Page::from_overfetch(rows.into_iter().map(CommunityView::from).collect(), &page))
}
