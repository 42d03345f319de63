//! Role grants: an administrator appoints a user to a role, lists who holds which role, and
//! revokes a grant (effective on the holder's next request).

use crate::principal::{community, principal};
use crate::views::GrantView;
use crate::{Actor, Code, Context, Error};
use diandan_domain::roles::Role;
use diandan_domain::{ids, time};
use diandan_store::roles::{self, GrantRow};
use diandan_store::{audit, clock, communities, companies, users};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGrant {
    pub user_id: String,
    /// admin | committee | designer | property
    pub role: String,
    /// Required for committee and designer.
    pub community_id: Option<String>,
    /// Required for property: staff belong to a company and reach the communities it serves.
    pub company_id: Option<String>,
    /// For admin: the district administered. Omitted: every district (platform admin).
    pub district_id: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct GrantQuery {
    /// Grants in this community (admins of its district and its committee may read them).
    pub community_id: Option<String>,
    /// Admin grants of this district (its admins may read them).
    pub district_id: Option<String>,
    /// Include revoked grants (default false).
    pub include_revoked: Option<bool>,
}

/// Grants `g.role`. Community roles are granted by an admin of the community's district (of
/// the company's district for property staff); admin roles by the platform admin only. Only
/// administrators get past the first check, whatever they ask.
pub fn grant_role(ctx: &Context, actor: &Actor, g: &NewGrant) -> Result<GrantView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !p.grants.is_any_admin() {
            return Err(Error::new(Code::Forbidden, "only administrators grant roles"));
        }
        let role = Role::parse(&g.role)
            .ok_or_else(|| Error::invalid("role", "must be admin, committee, designer or property"))?;
        let (district_id, community_id, company_id) = match role {
            Role::Admin => {
                p.require_global_admin()?;
                if g.community_id.is_some() {
                    let why = "an admin role is granted per district, not per community";
                    return Err(Error::invalid("community_id", why));
                }
                if let Some(d) = &g.district_id {
                    if !ids::is_uuid(d) || communities::district(c, d)?.is_none() {
                        return Err(Error::not_found("district"));
                    }
                }
                (g.district_id.clone(), None, None)
            }
            Role::Property => {
                let cid = g
                    .company_id
                    .clone()
                    .ok_or_else(|| Error::invalid("company_id", "is required for the property role"))?;
                let company = (ids::is_uuid(&cid))
                    .then(|| companies::get(c, &cid))
                    .transpose()?
                    .flatten()
                    .ok_or_else(|| Error::not_found("company"))?;
                p.require_admin_of(&company.district_id)?;
                if g.district_id.is_some() || g.community_id.is_some() {
                    return Err(Error::invalid(
                        "company_id",
                        "property staff are granted per company; omit community_id and district_id",
                    ));
                }
                (None, None, Some(company.id))
            }
            _ => {
                let cid = g
                    .community_id
                    .clone()
                    .ok_or_else(|| Error::invalid("community_id", "is required for this role"))?;
                let comm = community(c, &cid)?;
                p.require_admin_of(&comm.district_id)?;
                if g.company_id.is_some() {
                    return Err(Error::invalid("company_id", "only property staff belong to a company"));
                }
                if g.district_id.is_some() {
                    let why = "community roles are granted per community; omit district_id";
                    return Err(Error::invalid("district_id", why));
                }
                (None, Some(comm.id), None)
            }
        };
        if !ids::is_uuid(&g.user_id) || users::get(c, &g.user_id)?.is_none() {
            return Err(Error::not_found("user"));
        }
        let exists = match &company_id {
            Some(company) => roles::company_staff_exists(c, &g.user_id, company)?,
            None => roles::active_exists(c, &g.user_id, role, district_id.as_deref(), community_id.as_deref())?,
        };
        if exists {
            return Err(Error::new(Code::AlreadyGranted, "the user already holds this role here"));
        }
        let row = GrantRow {
            id: clock::new_id(),
            user_id: g.user_id.clone(),
            role,
            district_id,
            community_id,
            granted_by: Some(p.id().to_owned()),
            granted_at: time::to_db(clock::now()),
            revoked_by: None,
            revoked_at: None,
            company_id,
        };
        roles::insert(c, &row)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "role.grant",
                object_type: "role_grant",
                object_id: &row.id,
                community_id: row.community_id.as_deref(),
                district_id: None,
                detail: json!({
                    "user_id": row.user_id,
                    "role": row.role,
                    "district_id": row.district_id,
                    "company_id": row.company_id,
                }),
            },
        )?;
        Ok(GrantView::from(row))
    })
}

/// The role grants of one community or one district.
pub fn list_grants(ctx: &Context, actor: &Actor, q: &GrantQuery) -> Result<Vec<GrantView>, Error> {
    let rows = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let revoked = q.include_revoked.unwrap_or(false);
        match (&q.community_id, &q.district_id) {
            (Some(cid), None) => {
                let comm = community(c, cid)?;
                p.require(&[Role::Admin, Role::Committee], &comm)?;
                Ok(roles::list(c, Some(&comm.id), None, revoked)?)
            }
            (None, Some(did)) => {
                p.require_admin_of(did)?;
                Ok(roles::list(c, None, Some(did), revoked)?)
            }
            _ => Err(Error::invalid("community_id", "give exactly one of community_id or district_id")),
        }
    })?;
    Ok(rows.into_iter().map(GrantView::from).collect())
}

/// Revokes grant `id`.
pub fn revoke_grant(ctx: &Context, actor: &Actor, id: &str) -> Result<(), Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) {
            return Err(Error::not_found("role grant"));
        }
        let g = roles::get(c, id)?.ok_or_else(|| Error::not_found("role grant"))?;
        match &g.community_id {
            Some(cid) => {
                let comm = community(c, cid)?;
                p.require_admin_of(&comm.district_id)?;
            }
            None => {
                p.require_global_admin()?;
                if g.user_id == p.id() {
                    return Err(Error::new(Code::OwnAdminGrant, "an administrator cannot revoke their own admin role"));
                }
            }
        }
        if !roles::revoke(c, id, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::AlreadyRevoked, "this grant was already revoked"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "role.revoke",
                object_type: "role_grant",
                object_id: &g.id,
                community_id: g.community_id.as_deref(),
                district_id: None,
                detail: json!({ "user_id": g.user_id, "role": g.role }),
            },
        )?;
        Ok(())
    })
}
