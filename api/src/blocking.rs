//! Diesel is blocking: every query runs on actix's blocking pool, with the connection checked
//! out inside the closure so that an async worker never waits on the database.

use crate::problem::ApiError;
use crate::state::AppState;
use diandan_store::AnyConnection;

/// Runs `f` on a read connection.
pub async fn read<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    actix_web::web::block(move || db.read(f)).await?
}

/// Runs `f` in one write transaction (committed on Ok, rolled back on Err).
pub async fn write<T, F>(state: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
{
    let db = state.db.clone();
    actix_web::web::block(move || db.write(f)).await?
}
