//! Consultation bodies and the access rules around them.

use crate::consultations::cost_shares::{plan_view, CostPlanView};
use crate::principal::Principal;
use crate::Code;
use crate::Error;
use chrono::{DateTime, Utc};
use diandan_domain::consultation::State;
use diandan_domain::cost_share::Plan;
use diandan_domain::election::Candidate;
use diandan_domain::roles::Role;
use diandan_domain::share::hundredths as cents;
use diandan_domain::{ids, time};
use diandan_store::communities::CommunityRow;
use diandan_store::consultations::{self, ConsultationRow, ItemRow};
use diandan_store::{bindings, AnyConnection};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct ItemView {
    pub id: String,
    pub position: i32,
    /// Catalogue code (default menu or the community's own).
    pub code: String,
    pub name: String,
    pub description: String,
    /// basic | improvement | enhancement
    pub category: String,
    /// community | building | unit
    pub scope: String,
    /// Buildings or units covered; empty: all of them.
    pub targets: Vec<String>,
    /// majority | supermajority | consultative
    pub rule: String,
    /// Why the committee chose a rule other than the catalogue default.
    pub rule_reason: Option<String>,
    /// Estimated cost in yuan, two decimals ("1250000.00").
    pub estimated_cost: Option<String>,
    /// Share paid by residents, percent with two decimals ("30.00").
    pub resident_share_percent: Option<String>,
    /// approved | rejected, after review.
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    /// The candidates of an item whose answer is one of them (选聘物业, a design alternative);
    /// empty for a yes/no item. An owner votes `support` with a candidate's key, `oppose` for
    /// none of them, or abstains.
    pub candidates: Vec<CandidateView>,
    /// An item whose owners split the cost by floor (an elevator): one unit's cost, the
    /// subsidy, the owners' part and the floor coefficients. Each owner's share:
    /// `GET /consultations/{id}/cost-shares/mine`.
    pub cost_plan: Option<CostPlanView>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
pub struct CandidateView {
    /// 1–20 letters, digits, _ or -; what a ballot names.
    pub key: String,
    /// 1–100 characters ("某某物业服务有限公司").
    pub name: String,
}

/// An item's cost plan, if it is split by floor.
pub fn plan_of(i: &ItemRow) -> Option<Plan> {
    i.cost_plan.as_deref().and_then(|p| serde_json::from_str(p).ok())
}

/// An item's candidates as stored (`[]`: none).
pub fn candidates_of(i: &ItemRow) -> Vec<Candidate> {
    serde_json::from_str(&i.candidates).unwrap_or_default()
}

impl From<ItemRow> for ItemView {
    fn from(i: ItemRow) -> Self {
        ItemView {
            targets: serde_json::from_str(&i.targets).unwrap_or_default(),
            candidates: candidates_of(&i).into_iter().map(|c| CandidateView { key: c.key, name: c.name }).collect(),
            cost_plan: plan_of(&i).as_ref().map(plan_view),
            id: i.id,
            position: i.position,
            code: i.code,
            name: i.name,
            description: i.description,
            category: i.category.into(),
            scope: i.scope.into(),
            rule: i.rule.into(),
            rule_reason: i.rule_reason,
            estimated_cost: i.estimated_cost_cents.map(cents),
            resident_share_percent: i.resident_share_bp.map(|b| cents(b as i64)),
            decision: i.decision,
            decision_reason: i.decision_reason,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationView {
    pub id: String,
    pub community_id: String,
    pub title: String,
    pub description: String,
    /// draft | announced | open | closed | preliminary | reviewed | published
    pub state: String,
    /// Days between announcement and opening (公示期).
    pub announce_days: i32,
    /// Days the preliminary result stays open to objections (询异期).
    pub objection_days: i32,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub announced_at: Option<DateTime<Utc>>,
    pub opened_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub preliminary_at: Option<DateTime<Utc>>,
    pub objection_deadline: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    /// Why the voting window was extended, if it was.
    pub extension_reason: Option<String>,
    /// SHA-256 of the electorate frozen at opening.
    pub roll_hash: Option<String>,
    /// SHA-256 of the menu frozen at opening.
    pub menu_hash: Option<String>,
    /// Owners (headcount) and area ("1234.56") on the frozen roll.
    pub roll_owners: i64,
    pub roll_area: String,
    /// Receipts on the bulletin so far and the chain head.
    pub bulletin_entries: i64,
    pub bulletin_head: String,
    /// The bulletin head fixed at closing.
    pub closing_head: Option<String>,
    pub items: Vec<ItemView>,
}

pub fn view(c: ConsultationRow, items: Vec<ItemRow>) -> ConsultationView {
    let t = |v: Option<chrono::NaiveDateTime>| v.map(time::from_db);
    ConsultationView {
        id: c.id,
        community_id: c.community_id,
        title: c.title,
        description: c.description,
        state: c.state.into(),
        announce_days: c.announce_days,
        objection_days: c.objection_days,
        opens_at: t(c.opens_at),
        closes_at: t(c.closes_at),
        announced_at: t(c.announced_at),
        opened_at: t(c.opened_at),
        closed_at: t(c.closed_at),
        preliminary_at: t(c.preliminary_at),
        objection_deadline: t(c.objection_deadline),
        reviewed_at: t(c.reviewed_at),
        published_at: t(c.published_at),
        extension_reason: c.extension_reason,
        roll_hash: c.roll_hash,
        menu_hash: c.menu_hash,
        roll_owners: c.roll_owners,
        roll_area: cents(c.roll_area),
        bulletin_entries: c.bulletin_seq,
        bulletin_head: c.bulletin_head,
        closing_head: c.closing_head,
        items: items.into_iter().map(ItemView::from).collect(),
    }
}

/// The consultation and its community, or 404.
pub fn load(conn: &mut AnyConnection, id: &str) -> Result<(ConsultationRow, CommunityRow), Error> {
    if !ids::is_uuid(id) {
        return Err(Error::not_found("consultation"));
    }
    consultations::with_community(conn, id)?.ok_or_else(|| Error::not_found("consultation"))
}

/// The committee of the community, or an admin of its district.
pub fn require_manager(p: &Principal, comm: &CommunityRow) -> Result<(), Error> {
    p.require(&[Role::Admin, Role::Committee], comm)
}

/// Anyone with a role in the community or an approved binding to one of its dwellings.
pub fn is_member(conn: &mut AnyConnection, p: &Principal, comm: &CommunityRow) -> Result<bool, Error> {
    if p.has(&[Role::Admin, Role::Committee, Role::Designer, Role::Property], comm) {
        return Ok(true);
    }
    Ok(!bindings::approved_in(conn, p.id(), &comm.id)?.is_empty())
}

/// Members may read a consultation once announced; drafts are the committee's.
pub fn require_reader(
    conn: &mut AnyConnection,
    p: &Principal,
    c: &ConsultationRow,
    comm: &CommunityRow,
) -> Result<(), Error> {
    if p.has(&[Role::Admin, Role::Committee], comm) {
        return Ok(());
    }
    if c.state == State::Draft || !is_member(conn, p, comm)? {
        return Err(Error::new(
            Code::Forbidden,
            "this consultation is visible to the community's members once announced",
        ));
    }
    Ok(())
}

/// A window beyond the configured bound is bad input, not a state conflict.
pub fn window_too_long(max_days: i64) -> Error {
    Error::invalid(
        "closes_at",
        format!("the voting window may last at most {max_days} days from its opening, extensions included"),
    )
    .with_code(Code::VotingWindowTooLong)
}

pub fn transition_problem(e: diandan_domain::consultation::TransitionError) -> Error {
    use diandan_domain::consultation::TransitionError as T;
    let code = match &e {
        T::WrongState { .. } => Code::WrongState,
        T::EmptyMenu => Code::EmptyMenu,
        T::NoWindow | T::WindowInverted => Code::InvalidWindow,
        T::AnnouncementRunning { .. } => Code::AnnouncementPeriod,
        T::WindowRunning(_) => Code::WindowRunning,
        T::NotLater(_) => Code::WindowNotExtended,
        T::WindowTooLong(days) => return window_too_long(*days),
        T::ObjectionsRunning(_) => Code::ObjectionPeriod,
        T::UnansweredObjections(_) => Code::ObjectionsUnanswered,
        T::UndecidedItems(_) => Code::ItemsUndecided,
    };
    Error::new(code, e.to_string())
}
