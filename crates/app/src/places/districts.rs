//! Districts (街道 / 区): the platform admin creates them; admins list those they administer.

use crate::principal::principal;
use crate::views::DistrictView;
use crate::{Actor, Code, Context, Error};
use diandan_domain::{limits, time};
use diandan_store::communities::{self, DistrictRow};
use diandan_store::{audit, clock, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDistrict {
    pub name: String,
}

/// Creates a district (platform admin).
pub fn create_district(ctx: &Context, actor: &Actor, new: &NewDistrict) -> Result<DistrictView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        p.require_global_admin()?;
        let name = limits::NAME.check(&new.name).map_err(|m| Error::invalid("name", m))?;
        let row = DistrictRow { id: clock::new_id(), name, created_at: time::to_db(clock::now()) };
        communities::insert_district(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => Error::new(Code::DistrictExists, "a district with this name exists"),
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "district.create",
                object_type: "district",
                object_id: &row.id,
                community_id: None,
                district_id: Some(&row.id),
                detail: json!({ "name": row.name }),
            },
        )?;
        Ok(DistrictView::from(row))
    })
}

/// The districts the caller administers (all, for the platform admin).
pub fn list_districts(ctx: &Context, actor: &Actor) -> Result<Vec<DistrictView>, Error> {
    let rows = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        if !p.grants.is_any_admin() {
            return Err(Error::new(Code::Forbidden, "only administrators list districts"));
        }
        if p.grants.is_global_admin() {
            Ok(communities::districts(c, None)?)
        } else {
            let ids: Vec<String> = p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect();
            Ok(communities::districts(c, Some(&ids))?)
        }
    })?;
    Ok(rows.into_iter().map(DistrictView::from).collect())
}
