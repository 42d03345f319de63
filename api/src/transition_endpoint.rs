//! The shape shared by the committee's transition endpoints: load, check the role, move,
//! answer with the consultation.

use crate::access::{principal, Principal};
use crate::blocking;
use crate::caller::Caller;
use crate::consultation_views::{load, require_manager, view, ConsultationView};
use crate::problem::ApiError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use diandan_store::consultations::{self, ConsultationRow};
use diandan_store::AnyConnection;

pub async fn run<F>(state: &AppState, caller: Caller, id: String, f: F) -> Result<ConsultationView, ApiError>
where
    F: FnOnce(&mut AnyConnection, &Principal, ConsultationRow, DateTime<Utc>) -> Result<ConsultationRow, ApiError>
        + Send
        + 'static,
{
    blocking::write(state, move |c| {
        let p = principal(c, &caller)?;
        let (row, comm) = load(c, &id)?;
        require_manager(&p, &comm)?;
        let row = f(c, &p, row, diandan_store::clock::now())?;
        let items = consultations::items(c, &row.id)?;
        Ok(view(row, items))
    })
    .await
}
