//! Who reads authorisations: the committee, all of a consultation's (its queue to check); a
//! resident, those they gave as an owner and those naming their verified phone as the proxy.

use crate::consultations::views::{load, require_manager};
use crate::principal::principal;
use crate::proxies::views::{views, ProxyView};
use crate::{Actor, Context, Error};
use diandan_domain::proxy::ProxyStatus;
use diandan_store::proxies as store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Deserialize, IntoParams)]
pub struct ProxiesQuery {
    /// pending | confirmed | rejected | revoked (default: all)
    pub status: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MyProxies {
    /// Authorisations given for the owners the caller is an approved owner of, or entered by them.
    pub given: Vec<ProxyView>,
    /// Authorisations naming the caller's WeChat-verified phone: the owners they may vote for
    /// (`confirmed`), with `voted` once they have.
    pub held: Vec<ProxyView>,
}

/// The authorisations of consultation `id`, in the order entered.
pub fn list_proxies(ctx: &Context, actor: &Actor, id: &str, q: &ProxiesQuery) -> Result<Vec<ProxyView>, Error> {
    let status = match &q.status {
        Some(s) => Some(
            ProxyStatus::parse(s)
                .ok_or_else(|| Error::invalid("status", format!("must be one of {}", ProxyStatus::names())))?,
        ),
        None => None,
    };
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_manager(&p, &comm)?;
        let rows = store::of_consultation(c, &cons.id, status)?;
        views(ctx, c, rows, p.id(), |_| true)
    })
}

/// The caller's authorisations, given and held, newest first.
pub fn my_proxies(ctx: &Context, actor: &Actor) -> Result<MyProxies, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let me = p.id().to_owned();
        let given = store::given_by(c, &me)?;
        let given = views(ctx, c, given, &me, |_| true)?;
        let held = match (&p.user.phone, p.user.phone_verified_at) {
            (Some(phone), Some(_)) => {
                let rows = store::naming_phone(c, phone)?;
                views(ctx, c, rows, &me, |(r, ..)| r.entered_by == me)?
            }
            _ => Vec::new(),
        };
        Ok(MyProxies { given, held })
    })
}
