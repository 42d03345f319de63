//! A verified resident submits a work order: the right (an approved claim here; a quality
//! supervisor for renovation works), then the order's fields, the order with its first event and
//! its audit entry in one transaction; replays of an `Idempotency-Key` get the first answer.

use crate::complaints::views::{detail, Viewer};
use crate::idempotency::{self, Key};
use crate::moderation::screen::{record, screen, Subject};
use crate::principal::{community, principal};
use crate::uploads::attach;
use crate::{Actor, Code, Context, Error, FieldError};
use diandan_auth::wechat_security::Scene;
use diandan_domain::complaint::{self, Category, Status, Urgency};
use diandan_domain::{limits, time};
use diandan_store::complaints::{self, ComplaintRow, EventRow};
use diandan_store::{audit, bindings, clock, roster, AnyConnection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComplaint {
    /// property_security | property_cleaning | property_greening | property_repairs |
    /// property_fees | property_attitude | facilities | works_quality | works_noise | works_dust |
    /// works_safety | other. `works_*` (renovation works) only from quality supervisors.
    pub category: String,
    /// 1–2000 characters.
    pub description: String,
    /// building | unit | public
    pub location_kind: String,
    /// Building name (for building and unit locations).
    pub building: Option<String>,
    /// Unit name (for unit locations).
    pub unit: Option<String>,
    /// The public place (for public locations), e.g. "北门车棚"; 1–100 characters.
    pub place: Option<String>,
    /// Up to 9 photos, by the ids `POST /api/v1/uploads` answered: the caller's, attached to nothing yet.
    #[serde(default)]
    pub photos: Vec<String>,
    /// normal (default) | urgent
    pub urgency: Option<String>,
    /// The resident agrees to be contacted: the handler then sees the masked phone and may
    /// comment on the order.
    #[serde(default)]
    pub contact_me: bool,
    /// The catalogue item concerned, if any (e.g. `elevator`), so that demand lists can count it.
    pub catalog_code: Option<String>,
    /// Which of the resident's dwellings (required only with several in the community).
    pub dwelling_id: Option<String>,
}

/// Submits `b` in community `community_id`; answers the status and body to send.
pub fn submit(
    ctx: &Context,
    actor: &Actor,
    community_id: &str,
    key: Option<&Key>,
    b: &NewComplaint,
) -> Result<(i32, String), Error> {
    // WeChat is asked before the transaction (never while holding the writer).
    let texts = [("description", Some(b.description.as_str())), ("place", b.place.as_deref())];
    let screened = screen(ctx, &actor.user_id, Scene::Forum, &texts)?;
    idempotency::write_retrying(&ctx.db, |c| {
        let p = principal(c, actor)?;
        if let Some(stored) = idempotency::replay_or_reserve(c, p.id(), key)? {
            return Ok(stored);
        }
        let comm = community(c, community_id)?;
        let mine = bindings::approved_in(c, p.id(), &comm.id)?;
        if mine.is_empty() {
            return Err(Error::new(
                Code::NotAResident,
                "only a verified owner or occupant of this community may complain here",
            ));
        }
        let dwelling_id = match &b.dwelling_id {
            Some(d) => mine.iter().find(|m| &m.dwelling_id == d).map(|m| m.dwelling_id.clone()).ok_or_else(|| {
                Error::invalid("dwelling_id", "is not a dwelling you are verified for in this community")
            })?,
            None => {
                let mut ds: Vec<&str> = mine.iter().map(|m| m.dwelling_id.as_str()).collect();
                ds.dedup();
                match ds.as_slice() {
                    [one] => one.to_string(),
                    _ => {
                        return Err(Error::invalid(
                            "dwelling_id",
                            "you are verified for several dwellings here; name one",
                        ))
                    }
                }
            }
        };
        // The caller may complain here: now the order itself is looked at.
        let mut errors = Vec::new();
        let category = Category::parse(&b.category);
        if category.is_none() {
            errors.push(FieldError::new("category", format!("must be one of {}", Category::names())));
        }
        let description = limits::COMPLAINT_DESCRIPTION.check(&b.description).unwrap_or_else(|m| {
            errors.push(FieldError::new("description", m));
            String::new()
        });
        let urgency = match b.urgency.as_deref() {
            None => Some(Urgency::Normal),
            Some(u) => Urgency::parse(u),
        };
        if urgency.is_none() {
            errors.push(FieldError::new("urgency", "must be normal or urgent"));
        }
        errors.extend(attach::check(c, p.id(), &b.photos)?);
        let place = b.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned);
        match (b.location_kind.as_str(), &b.building, &b.unit, &place) {
            ("building", Some(_), None, None) | ("unit", Some(_), Some(_), None) => {}
            ("public", None, None, Some(p)) if p.chars().count() <= limits::PLACE.max => {}
            ("building" | "unit" | "public", ..) => errors.push(FieldError::new(
                "location_kind",
                "building needs building; unit needs building and unit; public needs place (≤ 100 characters); nothing else",
            )),
            _ => errors.push(FieldError::new("location_kind", "must be building, unit or public")),
        }
        let catalog_code = b.catalog_code.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned);
        if catalog_code.as_ref().is_some_and(|c| c.len() > 64) {
            errors.push(FieldError::new("catalog_code", "must be at most 64 characters"));
        }
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let (category, urgency) = (category.expect("checked"), urgency.expect("checked"));
        if category.is_works() && complaints::active_supervisor(c, &comm.id, p.id())?.is_none() {
            return Err(Error::new(
                Code::NotASupervisor,
                "renovation-works reports are filed by the quality supervisors the committee appointed",
            ));
        }
        let (building_id, unit_id) = locate(c, &comm.id, b.building.as_deref(), b.unit.as_deref())?;
        let now = clock::now();
        let row = ComplaintRow {
            id: clock::new_id(),
            community_id: comm.id.clone(),
            submitted_by: p.id().to_owned(),
            dwelling_id,
            category,
            catalog_code: catalog_code.clone(),
            description: description.clone(),
            location_kind: b.location_kind.clone(),
            building_id,
            unit_id,
            place: place.clone(),
            urgency,
            contact_me: b.contact_me,
            status: Status::Submitted,
            assignee: None,
            company_id: None,
            deadline_at: time::to_db(complaint::deadline(now, urgency, ctx.deadlines, &ctx.calendar)),
            first_response_at: None,
            replied_at: None,
            ever_late: false,
            satisfied_count: 0,
            unsatisfied_count: 0,
            me_too_count: 0,
            created_at: time::to_db(now),
            updated_at: time::to_db(now),
            closed_at: None,
        };
        complaints::insert(c, &row)?;
        attach::attach(c, p.id(), ("complaint", &row.id, &comm.id), &b.photos)?;
        let held_text = match &row.place {
            Some(place) => format!("{}\n（地点：{place}）", row.description),
            None => row.description.clone(),
        };
        let subject = Subject {
            kind: "complaint",
            id: &row.id,
            community_id: Some(&comm.id),
            parent_id: None,
            author_id: p.id(),
            text: &held_text,
        };
        record(c, &screened, subject)?;
        complaints::insert_event(
            c,
            &EventRow {
                id: clock::new_id(),
                complaint_id: row.id.clone(),
                action: "submit".into(),
                from_status: None,
                to_status: row.status.as_str().to_owned(),
                actor_id: p.id().to_owned(),
                actor_role: "resident".into(),
                note: None,
                at: row.created_at,
            },
        )?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "complaint.submit",
                object_type: "complaint",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "category": row.category, "urgency": row.urgency, "deadline_at": time::canonical(time::from_db(row.deadline_at)), "photos": b.photos }),
            },
        )?;
        let body =
            serde_json::to_string(&detail(c, &ctx.photos, row, Viewer::Submitter, p.id())?).map_err(Error::internal)?;
        idempotency::store(c, p.id(), key, 201, &body)?;
        Ok((201, body))
    })
}

/// Resolves building and unit names of the community to ids (422 when unknown).
fn locate(
    c: &mut AnyConnection,
    community_id: &str,
    building: Option<&str>,
    unit: Option<&str>,
) -> Result<(Option<String>, Option<String>), Error> {
    let Some(building) = building else { return Ok((None, None)) };
    let (bs, us) = roster::names(c, community_id)?;
    let b = bs
        .into_iter()
        .find(|x| x.name == building.trim())
        .ok_or_else(|| Error::invalid("building", "no such building in this community"))?;
    let u = match unit {
        None => None,
        Some(u) => Some(
            us.into_iter()
                .find(|x| x.building_id == b.id && x.name == u.trim())
                .ok_or_else(|| Error::invalid("unit", "no such unit in this building"))?
                .id,
        ),
    };
    Ok((Some(b.id), u))
}
