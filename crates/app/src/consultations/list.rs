//! A member lists a community's consultations, newest first: announced and later ones, and the
//! drafts too for the committee.

use crate::consultations::views::{is_member, view, ConsultationView};
use crate::page::{Page, PageQuery};
use crate::principal::{community, principal};
use crate::{Actor, Code, Context, Error};
use diandan_domain::roles::Role;
use diandan_store::consultations::{self, ItemRow};
use std::collections::HashMap;

/// One page of community `community_id`'s consultations with their menus.
pub fn list_consultations(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    q: &PageQuery,
) -> Result<Page<ConsultationView>, Error> {
    let (limit, offset) = (q.limit(), q.offset());
    let items = ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let comm = community(c, community_id)?;
        let manager = p.has(&[Role::Admin, Role::Committee], &comm);
        if !manager && !is_member(c, &p, &comm)? {
            return Err(Error::new(Code::Forbidden, "only members of this community see its consultations"));
        }
        let public = ["announced", "open", "closed", "preliminary", "reviewed", "published"];
        let rows = consultations::list(c, &comm.id, if manager { None } else { Some(&public) }, limit + 1, offset)?;
        // One query for all the page's menus, not one per consultation.
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let mut items: HashMap<String, Vec<ItemRow>> = HashMap::new();
        for i in consultations::items_of(c, &ids)? {
            items.entry(i.consultation_id.clone()).or_default().push(i);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let menu = items.remove(&r.id).unwrap_or_default();
                view(r, menu)
            })
            .collect())
    })?;
    Ok(Page::from_overfetch(items, q))
}
