//! WeChat's access token, shared by every server process on one database: fetched with
//! `stable_token`, stored with its expiry, refreshed by one process at a time (the row is locked
//! while it asks WeChat) and reused by all. A call answered 40001/42001 (token revoked or expired
//! early) forces one refresh and is tried once more.

use crate::Error;
use chrono::Duration;
use diandan_auth::wechat::{WeChat, WeChatError};
use diandan_domain::time;
use diandan_store::{clock, messages, Db};

/// A stored token this close to its expiry is refreshed before use.
const MARGIN_SECS: i64 = 300;

/// Why a call that needs the token failed: WeChat's answer, or the database holding the token.
#[derive(Debug)]
pub enum Failure {
    WeChat(WeChatError),
    Store(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Store(e)
    }
}

impl From<diandan_store::StoreError> for Failure {
    fn from(e: diandan_store::StoreError) -> Self {
        Failure::Store(e.into())
    }
}

impl From<Failure> for Error {
    fn from(f: Failure) -> Self {
        match f {
            Failure::WeChat(e) => crate::accounts::wechat::wechat_problem(e),
            Failure::Store(e) => e,
        }
    }
}

/// Runs `call` with a valid access token; on 40001/42001 refreshes the token once and runs it
/// again with the new one.
pub fn with_token<T>(db: &Db, wx: &WeChat, call: impl Fn(&str) -> Result<T, WeChatError>) -> Result<T, Failure> {
    let token = current(db, wx)?;
    match call(&token) {
        Err(WeChatError::TokenInvalid(code)) => {
            tracing::info!(errcode = code, "WeChat refused the stored access token; refreshing it");
            let fresh = refresh(db, wx, Some(&token))?;
            call(&fresh).map_err(Failure::WeChat)
        }
        other => other.map_err(Failure::WeChat),
    }
}

/// The stored token while it is valid for a few more minutes, else a fresh one.
fn current(db: &Db, wx: &WeChat) -> Result<String, Failure> {
    let soon = time::to_db(clock::now() + Duration::seconds(MARGIN_SECS));
    if let Some((token, expires)) = db.read(|c| messages::token(c, wx.appid()))? {
        if !token.is_empty() && expires > soon {
            return Ok(token);
        }
    }
    refresh(db, wx, None)
}

/// Fetches a new token unless another process stored one while this one waited for the row
/// lock. `stale`: the token WeChat just refused (then a newer stored one is used as it is, and
/// the same one is replaced with `force_refresh`).
fn refresh(db: &Db, wx: &WeChat, stale: Option<&str>) -> Result<String, Failure> {
    db.write(|c| {
        let now = clock::now();
        messages::ensure_token_row(c, wx.appid(), time::to_db(now))?;
        let (token, expires) = messages::token_for_update(c, wx.appid())?
            .ok_or_else(|| Error::internal("the access token row vanished"))?;
        let valid = !token.is_empty() && expires > time::to_db(now + Duration::seconds(MARGIN_SECS));
        if valid && stale != Some(token.as_str()) {
            return Ok(token);
        }
        let (fresh, life) = wx.stable_token(stale.is_some()).map_err(Failure::WeChat)?;
        let expires = now + Duration::seconds(life.max(1) as i64);
        messages::store_token(c, wx.appid(), &fresh, time::to_db(expires), time::to_db(now))?;
        Ok(fresh)
    })
}
