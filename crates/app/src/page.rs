//! limit/offset pagination with a cap.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 500;

#[derive(Debug, Clone, Deserialize, IntoParams)]
pub struct PageQuery {
    /// Items per page (1–500, default 50).
    pub limit: Option<i64>,
    /// Items to skip (default 0).
    pub offset: Option<i64>,
}

impl PageQuery {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }
    pub fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).max(0)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// The offset of the next page, absent on the last page.
    pub next_offset: Option<i64>,
}

impl<T: ToSchema> Page<T> {
    /// `items` must have been fetched with `limit + 1` so that a next page can be detected.
    pub fn from_overfetch(mut items: Vec<T>, q: &PageQuery) -> Page<T> {
        let limit = q.limit() as usize;
        let more = items.len() > limit;
        items.truncate(limit);
        Page { items, next_offset: more.then(|| q.offset() + q.limit()) }
    }
}
