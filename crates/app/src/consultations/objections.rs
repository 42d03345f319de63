//! Objections to a preliminary result: an owner on the roll files one during the objection
//! period, members list them (the committee all, an owner their own), the committee answers
//! each once. One transaction each, the caller's right before the text is looked at.

use crate::ballots::owner::owner_key;
use crate::ballots::voting::targets_of;
use crate::consultations::views::{load, require_manager, require_reader};
use crate::moderation::screen::{record, screen, Subject};
use crate::principal::principal;
use crate::uploads::attach;
use crate::uploads::views::{attached, PhotoView};
use crate::{Actor, Code, Context, Error};
use diandan_auth::wechat_security::Scene;
use diandan_domain::consultation::State;
use diandan_domain::electorate::{covered, ScopeKind};
use diandan_domain::roles::Role;
use diandan_domain::{ids, limits, time};
use diandan_store::objections::{self, ObjectionRow};
use diandan_store::AnyConnection;
use diandan_store::{audit, clock};
use diandan_store::{ballots, consultations};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewObjection {
    /// 1–1000 characters.
    pub text: String,
    /// The receipt concerned, if any ("my receipt is not in the bulletin").
    pub receipt: Option<String>,
    /// Up to 9 photos (a photographed paper ballot, a notice not posted), by the ids
    /// `POST /api/v1/uploads` answered.
    #[serde(default)]
    pub photos: Vec<String>,
    /// The item the objection is about, if one (a low-floor owner objecting to an elevator's
    /// cost split names the elevator item).
    pub item_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionView {
    pub id: String,
    pub text: String,
    pub receipt: Option<String>,
    /// The item it is about, if it names one.
    pub item_id: Option<String>,
    /// For an item split by floor: the unit of the objector's dwelling that the item covers
    /// (the unit whose split is objected to).
    pub unit_id: Option<String>,
    /// Its photos (signed addresses); the committee sees only those WeChat cleared.
    pub photos: Vec<PhotoView>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl ObjectionView {
    fn of(o: ObjectionRow, photos: Vec<PhotoView>) -> Self {
        ObjectionView {
            id: o.id,
            photos,
            text: o.text,
            receipt: o.receipt,
            item_id: o.item_id,
            unit_id: o.unit_id,
            created_at: time::from_db(o.created_at),
            answer: o.answer,
            answered_at: o.answered_at.map(time::from_db),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// 1–1000 characters, shown to the owner who objected.
    pub answer: String,
}

/// Files objection `b` on consultation `id` as the caller.
pub fn file_objection(ctx: &Context, actor: &Actor, id: &str, b: NewObjection) -> Result<ObjectionView, Error> {
    let screened = screen(ctx, &actor.user_id, Scene::Forum, &[("text", Some(b.text.as_str()))])?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        let now = clock::now();
        let open = cons.state == State::Preliminary && cons.objection_deadline.is_some_and(|d| time::to_db(now) < d);
        if !open {
            return Err(Error::new(
                Code::ObjectionsClosed,
                "objections are accepted while the preliminary result is public",
            ));
        }
        let key = owner_key(c, &p, &cons.id, &comm.id, None).or_else(|e| {
            if e.code == Code::OwnerAmbiguous {
                Ok(String::new())
            } else {
                Err(e)
            }
        })?;
        // The caller may object here: now the text and photos are looked at.
        let mut errors = attach::check(c, p.id(), &b.photos)?;
        let text = limits::OBJECTION.check(&b.text).unwrap_or_else(|m| {
            errors.push(crate::FieldError::new("text", m));
            String::new()
        });
        let receipt = limits::RECEIPT.check_optional(b.receipt.as_deref()).unwrap_or_else(|m| {
            errors.push(crate::FieldError::new("receipt", m));
            None
        });
        let item = match b.item_id.as_deref() {
            None => None,
            Some(i) => consultations::item(c, i)?.filter(|it| it.consultation_id == cons.id).or_else(|| {
                errors.push(crate::FieldError::new("item_id", "not an item of this consultation"));
                None
            }),
        };
        if !errors.is_empty() {
            return Err(Error::validation(errors));
        }
        let unit_id = match &item {
            Some(it) if it.cost_plan.is_some() && !key.is_empty() => {
                let targets = targets_of(it);
                ballots::owner_roll(c, &cons.id, &key)?
                    .into_iter()
                    .map(|e| e.unit_id)
                    .find(|u| covered(u, ScopeKind::Unit, targets.as_ref()))
            }
            _ => None,
        };
        let receipt = receipt.map(|r| r.to_uppercase());
        let row = ObjectionRow {
            id: clock::new_id(),
            consultation_id: cons.id.clone(),
            user_id: p.id().to_owned(),
            text,
            receipt,
            created_at: time::to_db(now),
            answer: None,
            answered_by: None,
            answered_at: None,
            item_id: item.map(|i| i.id),
            unit_id,
        };
        objections::insert(c, &row)?;
        attach::attach(c, p.id(), ("objection", &row.id, &comm.id), &b.photos)?;
        let subject = Subject {
            kind: "objection",
            id: &row.id,
            community_id: Some(&comm.id),
            parent_id: Some(&cons.id),
            author_id: p.id(),
            text: &row.text,
        };
        record(c, &screened, subject)?;
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "objection.file",
                object_type: "objection",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({
                    "consultation_id": cons.id,
                    "receipt": row.receipt,
                    "photos": b.photos,
                    "item_id": row.item_id,
                    "unit_id": row.unit_id,
                }),
            },
        )?;
        with_photos(c, ctx, vec![row], p.id()).map(|mut v| v.remove(0))
    })
}

/// The objections to consultation `id` the caller may see: all for the committee, else their own.
pub fn list_objections(ctx: &Context, actor: &Actor, id: &str) -> Result<Vec<ObjectionView>, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let (cons, comm) = load(c, id)?;
        require_reader(c, &p, &cons, &comm)?;
        let mine = (!p.has(&[Role::Admin, Role::Committee], &comm)).then(|| p.id().to_owned());
        let rows = objections::list(c, &cons.id, mine.as_deref())?;
        with_photos(c, ctx, rows, p.id())
    })
}

/// Answers objection `id` with `a`; answers the objection as it now stands.
pub fn answer_objection(ctx: &Context, actor: &Actor, id: &str, a: Answer) -> Result<ObjectionView, Error> {
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        if !ids::is_uuid(id) {
            return Err(Error::not_found("objection"));
        }
        let o = objections::get(c, id)?.ok_or_else(|| Error::not_found("objection"))?;
        let (_, comm) = load(c, &o.consultation_id)?;
        require_manager(&p, &comm)?;
        // The caller may answer: now the answer is looked at.
        let text = limits::OBJECTION.check(&a.answer).map_err(|m| Error::invalid("answer", m))?;
        if !objections::answer(c, &o.id, &text, p.id(), time::to_db(clock::now()))? {
            return Err(Error::new(Code::AlreadyAnswered, "this objection has an answer"));
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: "objection.answer",
                object_type: "objection",
                object_id: &o.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "consultation_id": o.consultation_id }),
            },
        )?;
        let row = objections::get(c, &o.id)?.ok_or_else(|| Error::internal("objection vanished"))?;
        with_photos(c, ctx, vec![row], p.id()).map(|mut v| v.remove(0))
    })
}

/// `rows` as `viewer` sees them, each with its photos.
fn with_photos(
    c: &mut AnyConnection,
    ctx: &Context,
    rows: Vec<ObjectionRow>,
    viewer: &str,
) -> Result<Vec<ObjectionView>, Error> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut photos = attached(c, &ctx.photos, "objection", &ids, viewer)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let shown = photos.remove(&r.id).unwrap_or_default();
            ObjectionView::of(r, shown)
        })
        .collect())
}
