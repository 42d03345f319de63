//! Readiness for load balancers: the database answers a trivial query.

use crate::{Code, Context, Error};

/// The backend's name (`sqlite` or `postgres`) when the database answers.
pub fn database_ready(ctx: &Context) -> Result<&'static str, Error> {
    if ctx.db.ping() {
        Ok(ctx.db.kind().as_str())
    } else {
        Err(Error::new(Code::DatabaseUnavailable, "the database is unreachable"))
    }
}
