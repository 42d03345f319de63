//! A resident's home feed: one statement (`sql/feed.sql`), whatever they hold. It is the
//! mini-program's first screen, read by every resident who opens it, so it is one round trip
//! whose prepared statement each connection keeps: a raw `sql_query` is prepared anew on every
//! call, which on PostgreSQL means parsing and planning this statement each time.

use crate::conn::AnyConnection;
use crate::error::StoreResult;
use chrono::NaiveDateTime;
use diesel::backend::Backend;
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::serialize::ToSql;
use diesel::sql_types::{BigInt, HasSqlType, Integer, Nullable, Text, Timestamp, Untyped};
use std::sync::LazyLock;

/// One item of the feed (unordered: the caller puts the kinds in its order).
#[derive(Debug, Clone, QueryableByName)]
pub struct FeedRow {
    /// `vote`, `confirm_complaint`, `rate`, `notice`, `claim_pending` or `receipt`.
    #[diesel(sql_type = Text)]
    pub kind: String,
    /// The consultation, order, rating period, notice or binding.
    #[diesel(sql_type = Text)]
    pub object_id: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub community_id: Option<String>,
    /// Its title (an order's description; none for a claim).
    #[diesel(sql_type = Nullable<Text>)]
    pub title: Option<String>,
    /// When voting closes or the rating period ends.
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub due_at: Option<NaiveDateTime>,
    #[diesel(sql_type = Nullable<Text>)]
    pub receipt: Option<String>,
    /// When the order was answered or the ballot signed.
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub at: Option<NaiveDateTime>,
    /// On notice rows: how many notices are unread in all.
    #[diesel(sql_type = BigInt)]
    pub total: i64,
    /// 1 on a pinned notice.
    #[diesel(sql_type = Integer)]
    pub pin: i32,
    /// What orders the item within its kind: closing time, answer time, notice or ballot time.
    #[diesel(sql_type = Nullable<Timestamp>)]
    pub sort_at: Option<NaiveDateTime>,
}

/// The items of `user_id`'s feed at `now`: votes, orders to confirm, ratings, the newest three
/// unread notices, pending claims, the last three receipts.
pub fn items(conn: &mut AnyConnection, user_id: &str, now: NaiveDateTime) -> StoreResult<Vec<FeedRow>> {
    let query = FeedQuery { user_id, now };
    Ok(match conn {
        AnyConnection::Postgresql(pg) => query.load(pg)?,
        AnyConnection::Sqlite(sq) => query.load(sq)?,
    })
}

/// A piece of the statement's text, then the parameter that follows it, if any.
enum Param {
    User,
    Now,
}

/// The statement's text without its comments, parameters written `:user` and `:now` (the
/// benchmark runs the same text as plain SQL for its ceiling).
pub fn statement() -> String {
    include_str!("sql/feed.sql")
        .lines()
        .map(|line| line.split_once("--").map_or(line, |(code, _)| code).trim_end())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// [`statement`] cut at each `:user` and `:now`.
static PIECES: LazyLock<Vec<(String, Option<Param>)>> = LazyLock::new(|| {
    let text = statement();
    let mut pieces = Vec::new();
    let mut rest = text.as_str();
    loop {
        let next = [(":user", Param::User), (":now", Param::Now)]
            .into_iter()
            .filter_map(|(marker, p)| rest.find(marker).map(|at| (at, marker.len(), p)))
            .min_by_key(|(at, _, _)| *at);
        match next {
            Some((at, len, p)) => {
                pieces.push((rest[..at].to_string(), Some(p)));
                rest = &rest[at + len..];
            }
            None => {
                pieces.push((rest.to_string(), None));
                break pieces;
            }
        }
    }
});

/// The statement with its parameters. A query type of its own so that diesel keeps it
/// prepared (its text never changes; each occurrence of a parameter is bound in its place).
struct FeedQuery<'a> {
    user_id: &'a str,
    now: NaiveDateTime,
}

impl QueryId for FeedQuery<'_> {
    type QueryId = FeedQuery<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl Query for FeedQuery<'_> {
    type SqlType = Untyped;
}

impl<Conn> RunQueryDsl<Conn> for FeedQuery<'_> {}

impl<DB> QueryFragment<DB> for FeedQuery<'_>
where
    DB: Backend + HasSqlType<Text> + HasSqlType<Timestamp>,
    str: ToSql<Text, DB>,
    NaiveDateTime: ToSql<Timestamp, DB>,
{
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        for (sql, param) in PIECES.iter() {
            out.push_sql(sql);
            match param {
                Some(Param::User) => out.push_bind_param::<Text, str>(self.user_id)?,
                Some(Param::Now) => out.push_bind_param::<Timestamp, NaiveDateTime>(&self.now)?,
                None => {}
            }
        }
        Ok(())
    }
}
