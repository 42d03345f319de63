//! Property companies: an admin of a district (or the platform admin) registers them; admins
//! list those of their districts, property staff their own company.

use crate::companies::views::{service_phone, CompanyView};
use crate::principal::principal;
use crate::{Actor, Code, Context, Error};
use diandan_domain::{ids, limits, time};
use diandan_store::companies::{self, CompanyRow};
use diandan_store::{audit, clock, communities, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCompany {
    pub district_id: String,
    /// 1–100 characters, unique in the district.
    pub name: String,
    /// 统一社会信用代码: 18 letters and digits.
    pub credit_code: Option<String>,
    pub contact_phone: Option<String>,
}

/// Registers company `b` in its district.
pub fn register_company(ctx: &Context, actor: &Actor, b: NewCompany) -> Result<CompanyView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(&b.district_id) || communities::district(c, &b.district_id)?.is_none() {
            return Err(Error::not_found("district"));
        }
        p.require_admin_of(&b.district_id)?;
        // The caller may register here: now the company itself is looked at.
        let name = limits::NAME.check(&b.name).map_err(|m| Error::invalid("name", m))?;
        let credit_code = b.credit_code.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
        if credit_code.as_ref().is_some_and(|c| c.len() != 18 || !c.chars().all(|ch| ch.is_ascii_alphanumeric())) {
            return Err(Error::invalid("credit_code", "must be 18 letters and digits"));
        }
        let contact_phone = b.contact_phone.as_deref().map(service_phone).transpose()?;
        let row = CompanyRow {
            id: clock::new_id(),
            district_id: b.district_id,
            name,
            credit_code,
            contact_phone,
            created_at: time::to_db(clock::now()),
        };
        companies::insert(c, &row).map_err(|e| match e {
            StoreError::Conflict(_) => {
                Error::new(Code::CompanyExists, "a company of this name is registered in the district")
            }
            other => other.into(),
        })?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "company.create",
                object_type: "property_company",
                object_id: &row.id,
                community_id: None,
                district_id: Some(&row.district_id),
                detail: json!({ "district_id": row.district_id, "name": row.name }),
            },
        )?;
        Ok(CompanyView::from(row))
    })
}

/// The companies the caller may see: of the districts they administer, and their own.
pub fn list_companies(ctx: &Context, actor: &Actor) -> Result<Vec<CompanyView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let mut rows = if p.grants.is_global_admin() {
            companies::list(c, None)?
        } else {
            let ds: Vec<String> = p.grants.admin_districts().into_iter().flatten().map(str::to_owned).collect();
            if ds.is_empty() {
                Vec::new()
            } else {
                companies::list(c, Some(&ds))?
            }
        };
        for id in p.grants.companies() {
            if !rows.iter().any(|r| r.id == id) {
                rows.extend(companies::get(c, id)?);
            }
        }
        if rows.is_empty() && !p.grants.is_any_admin() && p.grants.companies().is_empty() {
            return Err(Error::new(Code::Forbidden, "companies are listed for admins and their own staff"));
        }
        Ok(rows.into_iter().map(CompanyView::from).collect())
    })
}
