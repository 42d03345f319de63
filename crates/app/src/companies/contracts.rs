//! Service periods (contracts) of property companies in communities: an admin of the
//! community's district assigns a company and sets the last day served; any signed-in user
//! reads who manages a community, and when.

use crate::companies::views::{date, load_company, ContractView};
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use diandan_domain::{ids, time};
use diandan_store::companies::{self, ContractRow};
use diandan_store::{audit, clock};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContract {
    pub company_id: String,
    /// First day served, YYYY-MM-DD (China time).
    pub starts_on: String,
    /// Last day served; omitted: until ended.
    pub ends_on: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndContract {
    /// Last day served, YYYY-MM-DD; not before the first day.
    pub ends_on: String,
}

/// Assigns company `b.company_id` to community `community_id` for the period given; periods of
/// a community may not overlap.
pub fn create_contract(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    b: NewContract,
) -> Result<ContractView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        p.require_admin_of(&comm.district_id)?;
        // The caller may assign here: now the period is looked at.
        let starts_on = date("starts_on", &b.starts_on)?;
        let ends_on = b.ends_on.as_deref().map(|e| date("ends_on", e)).transpose()?;
        if ends_on.as_ref().is_some_and(|e| *e < starts_on) {
            return Err(Error::invalid("ends_on", "must not be before starts_on"));
        }
        let company = load_company(c, &b.company_id)?;
        if companies::overlapping(c, &comm.id, &starts_on, ends_on.as_deref(), None)? {
            return Err(Error::new(
                Code::ContractOverlap,
                "another company serves this community during part of that period",
            ));
        }
        let row = ContractRow {
            id: clock::new_id(),
            company_id: company.id,
            community_id: comm.id.clone(),
            starts_on,
            ends_on,
            created_by: Some(p.id().to_owned()),
            created_at: time::to_db(clock::now()),
        };
        companies::insert_contract(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.contract",
                object_type: "property_contract",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "company_id": row.company_id, "starts_on": row.starts_on, "ends_on": row.ends_on }),
            },
        )?;
        Ok(ContractView::from(row))
    })
}

/// Sets the last day served of contract `id` (ends, shortens or extends it).
pub fn end_contract(ctx: &Context, actor: &Actor, id: &str, b: EndContract) -> Result<ContractView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let row = ids::is_uuid(id)
            .then(|| companies::get_contract(c, id))
            .transpose()?
            .flatten()
            .ok_or_else(|| Error::not_found("contract"))?;
        let comm = community(c, &row.community_id)?;
        p.require_admin_of(&comm.district_id)?;
        // The caller may end it: now the date is looked at.
        let ends_on = date("ends_on", &b.ends_on)?;
        if ends_on < row.starts_on {
            return Err(Error::invalid("ends_on", "must not be before the first day served"));
        }
        if companies::overlapping(c, &comm.id, &row.starts_on, Some(&ends_on), Some(&row.id))? {
            return Err(Error::new(
                Code::ContractOverlap,
                "another company serves this community during part of that period",
            ));
        }
        companies::end_contract(c, &row.id, &ends_on)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.contract_end",
                object_type: "property_contract",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "company_id": row.company_id, "ends_on": ends_on, "was": row.ends_on }),
            },
        )?;
        Ok(ContractView::from(companies::get_contract(c, &row.id)?.ok_or_else(|| Error::not_found("contract"))?))
    })
}

/// The service periods of community `community_id`, oldest first.
pub fn list_contracts(ctx: &Context, actor: &Actor, community_id: &str) -> Result<Vec<ContractView>, Error> {
    ctx.db.read(|c| {
        principal(c, actor)?;
        let comm = community(c, community_id)?;
        Ok(companies::contracts_of_community(c, &comm.id)?.into_iter().map(ContractView::from).collect())
    })
}
