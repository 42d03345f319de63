//! A resident's home feed — the first screen of the mini-program: what needs them now, each
//! item with what to do next. Nine queries whatever the resident holds; nothing is cached (a
//! vote cast a second ago must leave the feed at once).

use crate::principal::principal;
use crate::{Actor, Context, Error};
use chrono::{DateTime, Utc};
use diandan_domain::time;
use diandan_store::{clock, feed, notices};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use utoipa::ToSchema;

/// Notices and receipts shown at most.
const LATEST: i64 = 3;

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedItem {
    /// `vote`, `confirm_complaint`, `rate`, `notice`, `claim_pending` or `receipt`.
    #[schema(example = "vote")]
    pub kind: String,
    /// What the resident can do, as the mini-program shows it (去投票, 去确认, …).
    pub action: String,
    pub title: String,
    /// The consultation, order, rating period, notice or binding concerned.
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
    /// Most urgent first: votes by closing time, orders to confirm, ratings, unread notices,
    /// pending claims, then the latest receipts.
    pub items: Vec<FeedItem>,
    /// All unread notices (the items list the newest few).
    pub unread_notices: i64,
}

fn item(kind: &str, action: &str, title: String, object_id: String) -> FeedItem {
    FeedItem {
        kind: kind.into(),
        action: action.into(),
        title,
        object_id,
        community_id: None,
        due_at: None,
        receipt: None,
        at: None,
    }
}

/// The caller's feed.
pub fn my_feed(ctx: &Context, actor: &Actor) -> Result<Feed, Error> {
    ctx.db.read(|c| {
        let p = principal(c, actor)?;
        let now = clock::now();
        let mine = feed::bindings_of(c, p.id())?;
        let approved: Vec<&feed::MyBinding> = mine.iter().filter(|b| b.status == "approved").collect();
        let owned: Vec<String> =
            approved.iter().filter(|b| b.relation == "owner").map(|b| b.dwelling_id.clone()).collect();
        let homes: Vec<String> = approved.iter().map(|b| b.dwelling_id.clone()).collect();
        let communities: Vec<String> =
            approved.iter().map(|b| b.community_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let districts: Vec<String> =
            approved.iter().map(|b| b.district_id.clone()).collect::<BTreeSet<_>>().into_iter().collect();
        let mut items = Vec::new();

        let mut votes: Vec<feed::OpenVote> = feed::open_votes(c, &owned)?.into_iter().filter(|v| !v.voted).collect();
        votes.sort_by_key(|v| v.closes_at);
        for v in votes {
            let mut i = item("vote", "去投票", v.title, v.consultation_id);
            i.community_id = Some(v.community_id);
            i.due_at = v.closes_at.map(time::from_db);
            items.push(i);
        }
        for (id, community, description, replied_at) in feed::awaiting_confirmation(c, p.id())? {
            let mut i = item("confirm_complaint", "去确认", description.chars().take(40).collect(), id);
            i.community_id = Some(community);
            i.at = replied_at.map(time::from_db);
            items.push(i);
        }
        let periods = feed::open_periods(c, &districts, time::to_db(now))?;
        let period_ids: Vec<String> = periods.iter().map(|p| p.0.clone()).collect();
        let rated: HashSet<(String, String)> = feed::rated(c, &period_ids, &homes)?.into_iter().collect();
        for (id, district, name, closes_at) in periods {
            // Open for the resident while one of their dwellings in the district has not rated.
            let waiting = approved
                .iter()
                .any(|b| b.district_id == district && !rated.contains(&(id.clone(), b.dwelling_id.clone())));
            if waiting {
                let mut i = item("rate", "去评价", name, id);
                i.due_at = Some(time::from_db(closes_at));
                items.push(i);
            }
        }
        let (unread, unread_total) = notices::unread(c, &communities, p.id(), time::to_db(now), LATEST)?;
        for n in unread {
            let mut i = item("notice", "去阅读", n.title, n.id);
            i.community_id = Some(n.community_id);
            items.push(i);
        }
        for b in mine.iter().filter(|b| b.status == "pending") {
            let mut i = item("claim_pending", "等待社区审核", "房屋认证审核中".into(), b.binding_id.clone());
            i.community_id = Some(b.community_id.clone());
            items.push(i);
        }
        for (receipt, consultation_id, title, signed_at) in feed::latest_receipts(c, p.id(), LATEST)? {
            let mut i = item("receipt", "核对回执", title, consultation_id);
            i.receipt = Some(receipt);
            i.at = Some(time::from_db(signed_at));
            items.push(i);
        }
        Ok(Feed { items, unread_notices: unread_total })
    })
}
