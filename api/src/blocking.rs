//! Diesel is blocking: every query runs on actix's blocking pool, with the connection checked
//! out inside the closure so that an async worker never waits on the database.

use crate::problem::{ApiError, Error};
use crate::state::AppState;
use diandan_store::AnyConnection;

/// Runs `f` on a read connection.
pub async fn read<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, Error> + Send + 'static,
{
    let db = state.db.clone();
    Ok(actix_web::web::block(move || db.read(f)).await??)
}

/// Runs `f` in one write transaction (committed on Ok, rolled back on Err).
pub async fn write<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, Error> + Send + 'static,
{
    let db = state.db.clone();
    Ok(actix_web::web::block(move || db.write(f)).await??)
}

/// Runs one use case on the blocking pool; it opens its own transaction.
pub async fn run<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&diandan_app::Context) -> Result<T, Error> + Send + 'static,
{
    let app = state.app.clone();
    Ok(actix_web::web::block(move || f(&app)).await??)
}
