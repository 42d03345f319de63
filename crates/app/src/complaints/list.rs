//! A community's work orders, filtered and paged, as the caller may see them: the committee
//! and admin all, property staff those assigned to their company, verified residents all
//! (dwellings masked) or their own.

use crate::complaints::views::{build, is_verified_resident, scrubber_for, ComplaintView, Places, Viewer};
use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use diandan_domain::complaint::{Assignee, Category, Status};
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::complaints::{self, Filter};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ComplaintQuery {
    pub status: Option<String>,
    pub category: Option<String>,
    /// true: only orders past their deadline that still await an answer.
    pub overdue: Option<bool>,
    /// Building name: orders located in that building or one of its units.
    pub building: Option<String>,
    /// company | committee
    pub assignee: Option<String>,
    /// true: only the caller's own orders.
    pub mine: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Lists the orders of community `community_id`, newest first.
pub fn list_complaints(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    q: &ComplaintQuery,
) -> Result<Page<ComplaintView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        let mut f = Filter { community_id: Some(comm.id.clone()), ..Filter::default() };
        let viewer = if p.has(&[Role::Admin, Role::Committee], &comm) {
            Viewer::Triage
        } else if p.has(&[Role::Property], &comm) {
            // Staff reach this community through their company's service period.
            let company = p
                .grants
                .0
                .iter()
                .find(|g| g.role == Role::Property && g.community_id.as_deref() == Some(&comm.id))
                .and_then(|g| g.company_id.clone());
            f.company_id =
                Some(company.ok_or_else(|| Error::new(Code::Forbidden, "no company of yours serves this community"))?);
            Viewer::Handler
        } else if is_verified_resident(c, &p, &comm)? {
            Viewer::Neighbour
        } else {
            return Err(Error::new(
                Code::Forbidden,
                "only residents, the committee and the property company of this community see its complaints",
            ));
        };
        // The caller may list here: now the filters are looked at.
        if q.status.as_deref().is_some_and(|s| Status::parse(s).is_none()) {
            return Err(Error::invalid("status", format!("must be one of {}", Status::names())));
        }
        if q.category.as_deref().is_some_and(|s| Category::parse(s).is_none()) {
            return Err(Error::invalid("category", format!("must be one of {}", Category::names())));
        }
        if q.assignee.as_deref().is_some_and(|s| Assignee::parse(s).is_none()) {
            return Err(Error::invalid("assignee", "must be company or committee"));
        }
        let page = PageQuery { limit: q.limit, offset: q.offset };
        let now = clock::now();
        f.status = q.status.clone();
        f.category = q.category.clone();
        // Property staff see only what is assigned to their company.
        f.assignee = if viewer == Viewer::Handler { Some("company".into()) } else { q.assignee.clone() };
        f.overdue_at = q.overdue.unwrap_or(false).then(|| time::to_db(now));
        if q.mine == Some(true) {
            f.submitted_by = Some(p.id().to_owned());
        }
        let places = Places::of(c, &comm.id)?;
        if let Some(b) = &q.building {
            match places.building_id(b) {
                Some(bid) => f.building_id = Some(bid),
                None => return Err(Error::invalid("building", "no such building in this community")),
            }
        }
        let rows = complaints::list(c, &f, page.limit() + 1, page.offset())?;
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let labels = complaints::labels(c, &ids)?;
        let me = p.id().to_owned();
        let mut photos = crate::uploads::views::attached(c, &ctx.photos, "complaint", &ids, &me)?;
        let held = diandan_store::held::hidden_among(c, "complaint", &ids)?;
        let scrubber = scrubber_for(c, viewer, &comm.id)?;
        let items = rows
            .into_iter()
            .map(|r| {
                let v = if r.submitted_by == me && viewer == Viewer::Neighbour { Viewer::Submitter } else { viewer };
                let l = labels.get(&r.id).cloned().unwrap_or_default();
                let shown = photos.remove(&r.id).unwrap_or_default();
                let hidden = held.contains(&r.id);
                build(r, shown, hidden, v, &l, &places, scrubber.as_ref(), now)
            })
            .collect();
        Ok(Page::from_overfetch(items, &page))
    })
}
