//! A resident's home feed — the first screen of the mini-program: what needs them now, each
//! item with what to do next. One statement whatever the resident holds (it reads their account
//! too); nothing is cached (a vote cast a second ago must leave the feed at once).

use crate::principal::{account_disabled, account_gone};
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::{clock, feed};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedItem {
    /// `vote`, `review` (a design review with the resident on its panel), `confirm_complaint`,
    /// `rate`, `rate_works` (finished renovation works to rate), `notice`, `claim_pending` or
    /// `receipt`.
    #[schema(example = "vote")]
    pub kind: String,
    /// What the resident can do, as the mini-program shows it (去投票, 去确认, …).
    pub action: String,
    pub title: String,
    /// The consultation, review, order, rating period, project, notice or binding concerned.
    pub object_id: String,
    pub community_id: Option<String>,
    /// By when (voting closes, the period ends).
    pub due_at: Option<DateTime<Utc>>,
    /// A receipt code (`receipt` items).
    pub receipt: Option<String>,
    /// When it happened (the ballot was signed, the order answered).
    pub at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Feed {
    /// Most urgent first: votes by closing time, design reviews, orders to confirm, ratings
    /// (of the property manager, then of finished works), unread notices, pending claims, then
    /// the latest receipts.
    pub items: Vec<FeedItem>,
    /// All unread notices (the items list the newest few).
    pub unread_notices: i64,
}

/// The caller's feed.
pub fn my_feed(ctx: &Context, actor: &Actor) -> Result<Feed, Error> {
    ctx.db.read(|c| {
        let mut rows = feed::items(c, &actor.user_id, time::to_db(clock::now()))?;
        // The statement read the account too (the principal's check, without its grants).
        let account = rows.iter().position(|r| r.kind == "account").ok_or_else(account_gone)?;
        if rows.remove(account).at.is_some() {
            return Err(account_disabled());
        }
        rows.sort_by(|a, b| urgency(a).cmp(&urgency(b)));
        let unread_notices = rows.iter().find(|r| r.kind == "notice").map_or(0, |r| r.total);
        let items = rows.into_iter().map(item).collect();
        Ok(Feed { items, unread_notices })
    })
}

/// Where a row stands in the feed: votes by closing time, reviews oldest first, orders to
/// confirm by answer time, ratings by closing time, works to rate oldest first, unread notices pinned first then newest, pending claims oldest
/// first, then the latest receipts newest first; ties by id (the newest-first kinds by
/// descending id, as the statement's limit picked them).
fn urgency(row: &feed::FeedRow) -> (u8, std::cmp::Reverse<i32>, SortAt<'_>) {
    let rank = match row.kind.as_str() {
        "vote" => 0,
        "review" => 1,
        "confirm_complaint" => 2,
        "rate" => 3,
        "rate_works" => 4,
        "notice" => 5,
        "claim_pending" => 6,
        _ => 7,
    };
    let at = if matches!(row.kind.as_str(), "notice" | "receipt") {
        SortAt::Newest(std::cmp::Reverse((row.sort_at, row.object_id.as_str())))
    } else {
        SortAt::Soonest(row.sort_at, row.object_id.as_str())
    };
    (rank, std::cmp::Reverse(row.pin), at)
}

/// A kind orders by its time (then id) either soonest or newest first.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortAt<'a> {
    Soonest(Option<chrono::NaiveDateTime>, &'a str),
    Newest(std::cmp::Reverse<(Option<chrono::NaiveDateTime>, &'a str)>),
}

/// The item a feed row stands for, with what the resident does next.
fn item(row: feed::FeedRow) -> FeedItem {
    let (action, title) = match row.kind.as_str() {
        "vote" => ("去投票", row.title.unwrap_or_default()),
        // An order is named by the start of its description.
        "confirm_complaint" => ("去确认", row.title.unwrap_or_default().chars().take(40).collect()),
        "rate" => ("去评价", row.title.unwrap_or_default()),
        "review" => ("去评审设计方案", row.title.unwrap_or_default()),
        "rate_works" => ("去验收评价", row.title.unwrap_or_default()),
        "notice" => ("去阅读", row.title.unwrap_or_default()),
        "claim_pending" => ("等待社区审核", "房屋认证审核中".to_string()),
        _ => ("核对回执", row.title.unwrap_or_default()),
    };
    FeedItem {
        kind: row.kind,
        action: action.into(),
        title,
        object_id: row.object_id,
        community_id: row.community_id,
        due_at: row.due_at.map(time::from_db),
        receipt: row.receipt,
        at: row.at.map(time::from_db),
    }
}
