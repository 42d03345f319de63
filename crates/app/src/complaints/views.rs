//! Complaint bodies and who may see what of them.
//!
//! Nobody but the submitter sees who submitted an order: everyone else gets the masked dwelling
//! (1号楼1单元**1). When the resident ticked "contact me", the handler and the committee also get
//! the masked phone and the call-back channel (comments on the order, which the resident sees).

use crate::moderation::screen::shown;
use crate::principal::{community, Principal};
use crate::uploads::views::{attached, PhotoView};
use crate::uploads::Photos;
use crate::Code;
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::bulletin::mask_dwelling;
use diandan_domain::complaint::is_overdue;
use diandan_domain::roles::Role;
use diandan_domain::scrub::Scrubber;
use diandan_domain::{ids, phone, time};
use diandan_store::clock;
use diandan_store::communities::CommunityRow;
use diandan_store::complaints::{self, ComplaintRow, EventRow, Labels};
use diandan_store::{bindings, held, roster, AnyConnection};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// How the caller relates to an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// Committee of the community or admin of its district.
    Triage,
    /// Staff of the company the order is assigned to.
    Handler,
    /// The resident who submitted it.
    Submitter,
    /// Another verified resident of the community.
    Neighbour,
}

impl Viewer {
    fn sees_contact(self) -> bool {
        matches!(self, Viewer::Triage | Viewer::Handler)
    }

    /// Property staff and neighbours read the order's text with names and numbers taken out
    /// (the committee, who holds the roster anyway, and the submitter read it as written).
    pub fn reads_scrubbed(self) -> bool {
        matches!(self, Viewer::Handler | Viewer::Neighbour)
    }
}

/// What scrubs the text `viewer` reads in this community, when it must be scrubbed.
pub fn scrubber_for(c: &mut AnyConnection, viewer: Viewer, community_id: &str) -> Result<Option<Scrubber>, Error> {
    Ok(match viewer.reads_scrubbed() {
        true => Some(Scrubber::new(&roster::known_names(c, community_id)?)),
        false => None,
    })
}

/// Loads an order and its community, or 404.
pub fn load(c: &mut AnyConnection, id: &str) -> Result<(ComplaintRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("complaint"));
    }
    let row = complaints::get(c, id)?.ok_or_else(|| Error::not_found("complaint"))?;
    let comm = community(c, &row.community_id)?;
    Ok((row, comm))
}

/// Whether the caller is staff of the company holding the order, in a community it serves.
pub fn is_handler_staff(p: &Principal, row: &ComplaintRow, comm: &CommunityRow) -> bool {
    row.assignee.as_deref() == Some("company")
        && p.has(&[Role::Property], comm)
        && row.company_id.as_deref().is_some_and(|c| p.grants.companies().contains(&c))
}

pub fn is_verified_resident(c: &mut AnyConnection, p: &Principal, comm: &CommunityRow) -> Result<bool, Error> {
    Ok(!bindings::approved_in(c, p.id(), &comm.id)?.is_empty())
}

pub fn viewer(c: &mut AnyConnection, p: &Principal, row: &ComplaintRow, comm: &CommunityRow) -> Result<Viewer, Error> {
    if p.has(&[Role::Admin, Role::Committee], comm) {
        Ok(Viewer::Triage)
    } else if row.submitted_by == p.id() {
        Ok(Viewer::Submitter)
    } else if is_handler_staff(p, row, comm) {
        Ok(Viewer::Handler)
    } else if !p.has(&[Role::Property, Role::Designer], comm) && is_verified_resident(c, p, comm)? {
        Ok(Viewer::Neighbour)
    } else {
        Err(Error::new(Code::Forbidden, "this complaint is not yours to see"))
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LocationView {
    /// building | unit | public
    pub kind: String,
    pub building: Option<String>,
    pub unit: Option<String>,
    /// The public place, e.g. "北门车棚".
    pub place: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContactView {
    /// The submitter's verified phone, masked (138****1234).
    pub masked_phone: Option<String>,
    /// Where to reach the resident without their number: comments on the order.
    pub call_back: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// submit | accept | reject | assign | start | reply | confirm | send_back | comment | me_too
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    /// resident | committee | admin | property
    pub actor_role: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<EventRow> for EventView {
    fn from(e: EventRow) -> Self {
        EventView {
            action: e.action,
            from_status: e.from_status,
            to_status: e.to_status,
            actor_role: e.actor_role,
            note: e.note,
            at: time::from_db(e.at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintView {
    pub id: String,
    pub community_id: String,
    pub category: String,
    /// The catalogue item concerned, if the resident named one (e.g. `elevator`).
    pub catalog_code: Option<String>,
    pub description: String,
    pub location: LocationView,
    /// Its photos (signed addresses); others than the submitter see only those WeChat cleared.
    pub photos: Vec<PhotoView>,
    /// WeChat's content check held the description for the committee: the submitter and the
    /// committee read it, everyone else reads a placeholder until it is released.
    pub held: bool,
    /// normal | urgent
    pub urgency: String,
    /// submitted | accepted | rejected | assigned | in_progress | replied | closed | reopened
    pub status: String,
    /// company | committee, once dispatched.
    pub assignee: Option<String>,
    pub company_id: Option<String>,
    /// The submitter's dwelling, masked (1号楼1单元**1); in full for the submitter.
    pub dwelling: String,
    pub mine: bool,
    pub contact_me: bool,
    /// Only for the committee and the handler, and only when `contact_me`.
    pub contact: Option<ContactView>,
    pub deadline_at: DateTime<Utc>,
    pub overdue: bool,
    pub first_response_at: Option<DateTime<Utc>>,
    pub replied_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub me_too_count: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The order's history, on the single-order endpoints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<EventView>>,
}

/// Names of the community's buildings and units by id, for locations.
pub struct Places {
    names: HashMap<String, String>,
    buildings: HashMap<String, String>,
}

impl Places {
    pub fn of(c: &mut AnyConnection, community_id: &str) -> Result<Places, Error> {
        let (bs, us) = roster::names(c, community_id)?;
        let buildings = bs.iter().map(|b| (b.name.clone(), b.id.clone())).collect();
        let names = bs.into_iter().map(|b| (b.id, b.name)).chain(us.into_iter().map(|u| (u.id, u.name))).collect();
        Ok(Places { names, buildings })
    }
    pub fn building_id(&self, name: &str) -> Option<String> {
        self.buildings.get(name.trim()).cloned()
    }
    fn name(&self, id: &Option<String>) -> Option<String> {
        id.as_ref().and_then(|i| self.names.get(i).cloned())
    }
}

#[allow(clippy::too_many_arguments)]
pub fn build(
    row: ComplaintRow,
    photos: Vec<PhotoView>,
    hidden: bool,
    viewer: Viewer,
    labels: &Labels,
    places: &Places,
    scrubber: Option<&Scrubber>,
    now: DateTime<Utc>,
) -> ComplaintView {
    let sees_held = matches!(viewer, Viewer::Submitter | Viewer::Triage);
    let scrub = |text: String| match scrubber.filter(|_| viewer.reads_scrubbed()) {
        Some(s) => shown(s.scrub(&text), hidden, sees_held),
        None => shown(text, hidden, sees_held),
    };
    let status = row.status;
    let deadline = time::from_db(row.deadline_at);
    let dwelling = if viewer == Viewer::Submitter {
        format!("{}{}{}", labels.building, labels.unit, labels.room)
    } else {
        mask_dwelling(&labels.building, &labels.unit, &labels.room)
    };
    let contact = (row.contact_me && viewer.sees_contact()).then(|| ContactView {
        masked_phone: labels.submitter_phone.as_deref().map(phone::mask),
        call_back: format!("/api/v1/complaints/{}/comments", row.id),
    });
    ComplaintView {
        location: LocationView {
            kind: row.location_kind.clone(),
            building: places.name(&row.building_id),
            unit: places.name(&row.unit_id),
            place: row.place.clone().map(scrub),
        },
        photos,
        held: hidden,
        overdue: is_overdue(status, deadline, now),
        mine: viewer == Viewer::Submitter,
        contact,
        dwelling,
        deadline_at: deadline,
        first_response_at: row.first_response_at.map(time::from_db),
        replied_at: row.replied_at.map(time::from_db),
        closed_at: row.closed_at.map(time::from_db),
        created_at: time::from_db(row.created_at),
        updated_at: time::from_db(row.updated_at),
        id: row.id,
        community_id: row.community_id,
        category: row.category.as_str().to_owned(),
        catalog_code: row.catalog_code,
        description: scrub(row.description),
        urgency: row.urgency.as_str().to_owned(),
        status: row.status.as_str().to_owned(),
        assignee: row.assignee,
        company_id: row.company_id,
        contact_me: row.contact_me,
        me_too_count: row.me_too_count,
        events: None,
    }
}

/// One order with its history, as the caller may see it.
pub fn detail(
    c: &mut AnyConnection,
    photos: &Photos,
    row: ComplaintRow,
    viewer: Viewer,
    viewer_id: &str,
) -> Result<ComplaintView, Error> {
    let labels = complaints::labels(c, std::slice::from_ref(&row.id))?.remove(&row.id).unwrap_or_default();
    let places = Places::of(c, &row.community_id)?;
    let scrubber = scrubber_for(c, viewer, &row.community_id)?;
    let rows = complaints::events(c, &row.id)?;
    let ids: Vec<String> = rows.iter().map(|e| e.id.clone()).collect();
    let held_notes = held::hidden_among(c, "complaint_event", &ids)?;
    let events = rows
        .into_iter()
        .map(|e| {
            let sees_held = viewer == Viewer::Triage || e.actor_id == viewer_id;
            let hidden = held_notes.contains(&e.id);
            let mut v = EventView::from(e);
            if let Some(s) = &scrubber {
                v.note = v.note.map(|n| s.scrub(&n));
            }
            v.note = v.note.map(|n| shown(n, hidden, sees_held));
            v
        })
        .collect();
    let hidden = !held::hidden_among(c, "complaint", std::slice::from_ref(&row.id))?.is_empty();
    let shown_photos =
        attached(c, photos, "complaint", std::slice::from_ref(&row.id), viewer_id)?.remove(&row.id).unwrap_or_default();
    let mut v = build(row, shown_photos, hidden, viewer, &labels, &places, scrubber.as_ref(), clock::now());
    v.events = Some(events);
    Ok(v)
}
