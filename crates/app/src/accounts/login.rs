//! A staff member logs in with username and password. The password hash (~30 ms of one core)
//! runs on the server's bounded hashing pool, which the HTTP layer owns, so the login is three
//! steps: [`admit`] counts the attempt against the throttle and finds the account,
//! [`Attempt::check`] verifies the password (run it on the hashing pool), and [`finish`]
//! forgives the counters and starts the session.

use crate::accounts::session;
use crate::views::TokenPair;
use crate::{Code, Context, Error};
use chrono::{DateTime, Utc};
use diandan_auth::password;
use diandan_domain::time;
use diandan_store::users::UserRow;
use diandan_store::{clock, login_throttle, users, Db};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordLogin {
    pub username: String,
    pub password: String,
}

/// An admitted attempt: counted against the throttle, its account (if any) found, the
/// password not yet checked.
pub struct Attempt {
    username: String,
    password: String,
    address: String,
    keys: [(String, usize); 2],
    user: Option<UserRow>,
}

/// An attempt whose password has been checked.
pub struct Checked {
    attempt: Attempt,
    ok: bool,
}

fn wrong() -> Error {
    Error::new(Code::InvalidCredentials, "username or password is wrong")
}

fn throttled(wait: std::time::Duration) -> Error {
    Error::new(Code::TooManyAttempts, "too many failed logins; wait before trying again")
        .retry_after(wait.as_secs().max(1))
}

/// Counts this attempt (from client `address`) against the account and the address before
/// anything is hashed; when either is at its limit nothing is counted (one transaction) and
/// the caller waits. Then finds the account.
pub fn admit(ctx: &Context, login: PasswordLogin, address: &str) -> Result<Attempt, Error> {
    let PasswordLogin { username, password } = login;
    if username.trim().is_empty() || username.len() > 64 || password.is_empty() || password.len() > 1024 {
        return Err(wrong());
    }
    let keys = ctx.throttle.keys(&username, address);
    let cfg = &ctx.throttle;
    ctx.db.write(|c| {
        let now = clock::now();
        let opened_after = time::to_db(time::before(now, cfg.window));
        for (key, limit) in &keys {
            if let Some(start) = login_throttle::count_attempt(c, key, *limit as i32, time::to_db(now), opened_after)? {
                let elapsed = (now.naive_utc() - start).to_std().unwrap_or_default();
                return Err(throttled(cfg.wait(elapsed)));
            }
        }
        Ok(())
    })?;
    let user = ctx.db.read(|c| Ok::<_, Error>(users::by_username(c, &username)?))?;
    Ok(Attempt { username, password, address: address.to_owned(), keys, user })
}

impl Attempt {
    /// Verifies the password: slow on purpose, so run it on the hashing pool. An unknown user
    /// is checked against a dummy hash so that the answer takes the same time either way.
    pub fn check(self) -> Checked {
        let ok = match self.user.as_ref().and_then(|u| u.password_hash.as_deref()) {
            Some(h) => password::verify(&self.password, h),
            None => {
                password::verify(&self.password, password::dummy_hash());
                false
            }
        };
        Checked { attempt: self, ok }
    }
}

/// Answers a checked attempt: a wrong password (or unknown user) is refused and logged; a
/// right one forgives the counters and starts a session.
pub fn finish(ctx: &Context, checked: Checked) -> Result<TokenPair, Error> {
    let Checked { attempt, ok } = checked;
    let Attempt { username, address, keys, user, .. } = attempt;
    let user = match (ok, user) {
        (true, Some(u)) => u,
        _ => {
            tracing::info!(target: "diandan::auth", username = %username, %address, "failed login");
            return Err(wrong());
        }
    };
    if user.disabled_at.is_some() {
        return Err(Error::new(Code::AccountDisabled, "this account is disabled"));
    }
    let [(account, _), (address, _)] = &keys;
    ctx.db.write(|c| {
        login_throttle::forgive(c, account, address)?;
        session::issue(c, ctx, &user.id, &user.kind, None)
    })
}

/// Drops the failed-login counters whose `window` had ended by `now` (the scheduler's chore).
pub fn prune_attempts(db: &Db, now: DateTime<Utc>, window: std::time::Duration) -> Result<usize, Error> {
    let ended = time::to_db(time::before(now, window));
    db.write(|c| Ok(login_throttle::prune(c, ended)?))
}
