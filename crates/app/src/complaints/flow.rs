//! One step of a work order: who may take it, what it changes, its event and its audit entry,
//! all in one transaction. The endpoints (`routes/complaint_*.rs`) are thin wrappers.

use crate::complaints::views::{detail, is_handler_staff, is_verified_resident, load, Viewer};
use crate::messages::notify::{notify, values, when};
use crate::moderation::screen::{record, screen, Subject};
use crate::principal::Actor as Caller;
use crate::principal::{principal, Principal};
use crate::Error;
use crate::{Code, Context};
use chrono::{DateTime, Utc};
use diandan_auth::wechat_security::Scene;
use diandan_domain::complaint::{self, Action, Actor, Assignee};
use diandan_domain::limits;
use diandan_domain::message::MessageKind;
use diandan_domain::roles::Role;
use diandan_domain::time;
use diandan_store::clock;
use diandan_store::communities::CommunityRow;
use diandan_store::complaints::{self, ComplaintRow, EventRow};
use diandan_store::{audit, companies, AnyConnection, StoreError};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

/// The note of a step: required to reject, reply, send back and comment.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepBody {
    /// 1–1000 characters.
    pub note: Option<String>,
}

/// Dispatch: to the property company serving the community today, or to the committee.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignBody {
    /// company | committee
    pub to: String,
    pub note: Option<String>,
}

fn clean_note(note: Option<String>, required: bool) -> Result<Option<String>, Error> {
    match limits::COMPLAINT_NOTE.check_optional(note.as_deref()).map_err(|m| Error::invalid("note", m))? {
        None if required => Err(Error::invalid("note", "is required for this step")),
        note => Ok(note),
    }
}

/// The role the caller acts in for `action`, or 403.
fn acting_role(
    c: &mut AnyConnection,
    p: &Principal,
    action: Action,
    row: &ComplaintRow,
    comm: &CommunityRow,
) -> Result<&'static str, Error> {
    let triage = || {
        if p.has(&[Role::Committee], comm) {
            Some("committee")
        } else if p.has(&[Role::Admin], comm) {
            Some("admin")
        } else {
            None
        }
    };
    let handler = || match row.assignee.as_deref() {
        Some("committee") => triage(),
        Some("company") if is_handler_staff(p, row, comm) => Some("property"),
        _ => None,
    };
    let submitter = || (row.submitted_by == p.id()).then_some("resident");
    let role = match action {
        Action::Comment => submitter().or_else(handler).or_else(triage),
        Action::MeToo => {
            if row.submitted_by == p.id() {
                return Err(Error::new(
                    Code::OwnComplaint,
                    "you submitted this order; \"me too\" is for other residents",
                ));
            }
            (!p.has(&[Role::Property, Role::Designer], comm) && is_verified_resident(c, p, comm)?).then_some("resident")
        }
        _ => match action.actor() {
            Actor::Triage => triage(),
            Actor::Handler => handler(),
            Actor::Submitter => submitter(),
        },
    };
    role.ok_or_else(|| {
        let who = match action.actor() {
            _ if action == Action::MeToo => "a verified resident of this community",
            Actor::Triage => "the community's committee",
            Actor::Handler => "whoever the order is assigned to",
            Actor::Submitter => "the resident who submitted the order",
        };
        Error::new(Code::Forbidden, format!("only {who} may {} this order", action.as_str().replace('_', " ")))
    })
}

/// What a step needs besides its note.
pub struct Step {
    pub action: Action,
    pub note: Option<String>,
    pub assign_to: Option<String>,
}

/// Takes one step on order `id` and answers the order as the caller now sees it.
pub fn take(
    ctx: &Context,
    actor: &Caller,
    id: &str,
    step: Step,
) -> Result<crate::complaints::views::ComplaintView, Error> {
    // A resident's note is screened by WeChat before the transaction (staff notes are not).
    let screened = screen(ctx, &actor.user_id, Scene::Comment, &[("note", step.note.as_deref())])?;
    ctx.db.write(|c| {
        let p = principal(c, actor)?;
        let (row, comm) = load(c, id)?;
        // The right first: a refused caller learns nothing about their body.
        let role = acting_role(c, &p, step.action, &row, &comm)?;
        let note = clean_note(step.note.clone(), step.action.needs_note())?;
        let assign_to = match (step.action, step.assign_to.as_deref()) {
            (Action::Assign, Some(t)) => {
                Some(Assignee::parse(t).ok_or_else(|| Error::invalid("to", "must be company or committee"))?)
            }
            (Action::Assign, None) => return Err(Error::invalid("to", "is required")),
            _ => None,
        };
        let from = row.status;
        let to = complaint::next(from, step.action).ok_or_else(|| {
            Error::new(Code::InvalidTransition, format!("an order that is {} cannot be {}", from.as_str(), step.action.as_str().replace('_', " ")))
        })?;
        let now = clock::now();
        let mut prog = row.progress();
        prog.status = to;
        prog.updated_at = time::to_db(now);
        apply(c, &mut prog, &row, step.action, assign_to, &comm, now, &ctx.calendar, ctx.deadlines)?;
        if step.action == Action::MeToo {
            complaints::me_too(c, &row.id, p.id(), time::to_db(now)).map_err(|e| match e {
                StoreError::Conflict(_) => Error::new(Code::AlreadyMarked, "you have already said \"me too\" to this order"),
                other => other.into(),
            })?;
        }
        if !complaints::advance(c, &row.id, row.status.as_str(), &prog)? {
            return Err(Error::new(Code::ChangedConcurrently, "the order changed meanwhile; reload it and try again"));
        }
        let event_id = clock::new_id();
        complaints::insert_event(
            c,
            &EventRow {
                id: event_id.clone(),
                complaint_id: row.id.clone(),
                action: step.action.as_str().to_owned(),
                from_status: Some(from.as_str().to_owned()),
                to_status: to.as_str().to_owned(),
                actor_id: p.id().to_owned(),
                actor_role: role.to_owned(),
                note: note.clone(),
                at: time::to_db(now),
            },
        )?;
        if let Some(text) = &note {
            let subject = Subject {
                kind: "complaint_event",
                id: &event_id,
                community_id: Some(&comm.id),
                parent_id: Some(&row.id),
                author_id: p.id(),
                text,
            };
            record(c, &screened, subject)?;
        }
        audit::append(
            c,
            audit::Event {
                actor_id: Some(p.id()),
                action: &format!("complaint.{}", step.action.as_str()),
                object_type: "complaint",
                object_id: &row.id,
                community_id: Some(&comm.id),
                district_id: None,
                detail: json!({ "from": from.as_str(), "to": to.as_str(), "as": role, "assignee": prog.assignee, "company_id": prog.company_id }),
            },
        )?;
        if let Some(status) = match step.action {
            Action::Accept => Some("已受理"),
            Action::Reject => Some("不予受理"),
            Action::Reply => Some("已答复，请确认"),
            _ => None,
        } {
            let v = values([
                ("complaint_id", row.id.clone()),
                ("community", comm.name.clone()),
                ("status", status.to_string()),
                ("note", note.clone().unwrap_or_else(|| status.to_string())),
                ("at", when(now)),
            ]);
            let step_key = format!("{}:{}", row.id, step.action.as_str());
            notify(c, MessageKind::ComplaintUpdate, &step_key, std::slice::from_ref(&row.submitted_by), &v, now)?;
        }
        // The role the caller acted in is the view they get of the result.
        let viewer = match role {
            "committee" | "admin" => Viewer::Triage,
            "property" => Viewer::Handler,
            _ if row.submitted_by == p.id() => Viewer::Submitter,
            _ => Viewer::Neighbour,
        };
        detail(c, &ctx.photos, row.advanced(prog), viewer, p.id())
    })
}

/// The effect of a step on the order's facts.
#[allow(clippy::too_many_arguments)]
fn apply(
    c: &mut AnyConnection,
    prog: &mut complaints::Progress,
    row: &ComplaintRow,
    action: Action,
    assign_to: Option<Assignee>,
    comm: &CommunityRow,
    now: DateTime<Utc>,
    calendar: &complaint::WorkCalendar,
    policy: complaint::DeadlinePolicy,
) -> Result<(), Error> {
    let at = time::to_db(now);
    match action {
        Action::Assign => {
            let to = assign_to.expect("checked before");
            let works = row.category.is_works();
            match to {
                Assignee::Company if works => {
                    return Err(Error::new(
                        Code::WorksGoToCommittee,
                        "renovation-works reports are handled by the committee",
                    ))
                }
                Assignee::Company => {
                    let contract = companies::serving(c, &comm.id, &time::china_day(now))?.ok_or_else(|| {
                        Error::new(
                            Code::NoPropertyCompany,
                            "no property company serves this community today; assign to the committee",
                        )
                    })?;
                    prog.company_id = Some(contract.company_id);
                }
                Assignee::Committee => prog.company_id = None,
            }
            prog.assignee = Some(to.as_str().to_owned());
        }
        Action::Start => {
            prog.first_response_at.get_or_insert(at);
        }
        Action::Reply => {
            prog.first_response_at.get_or_insert(at);
            prog.replied_at = Some(at);
            if at > row.deadline_at {
                prog.ever_late = true;
            }
        }
        Action::Confirm => {
            prog.satisfied_count += 1;
            prog.closed_at = Some(at);
        }
        Action::SendBack => {
            prog.unsatisfied_count += 1;
            prog.deadline_at = time::to_db(complaint::deadline(now, row.urgency, policy, calendar));
        }
        Action::Reject => prog.closed_at = Some(at),
        Action::MeToo => prog.me_too_count += 1,
        Action::Accept | Action::Comment | Action::Submit => {}
    }
    Ok(())
}
