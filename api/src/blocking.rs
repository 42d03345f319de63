//! Diesel is blocking: every use case runs on actix's blocking pool, where it checks out its
//! connection, so that an async worker never waits on the database.

use crate::problem::{ApiError, Error};
use crate::state::AppState;

/// Runs one use case on the blocking pool; it opens its own transaction.
pub async fn run<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&diandan_app::Context) -> Result<T, Error> + Send + 'static,
{
    let app = state.app.clone();
    Ok(actix_web::web::block(move || f(&app)).await??)
}
