//! Removing photos uploaded and never attached (a resident picked photos and did not submit),
//! a day after, and their files once no upload names them. Run by the scheduler.

use crate::{Context, Error};
use chrono::Duration;
use diandan_domain::{photo, time};
use diandan_store::{audit, clock, uploads};
use serde_json::json;
use std::collections::BTreeSet;

/// Removes up to 500 stale uploads; answers how many.
pub fn sweep(ctx: &Context) -> Result<usize, Error> {
    let before = time::to_db(clock::now() - Duration::hours(photo::UNATTACHED_HOURS));
    let (removed, unused) = ctx.db.write(|c| {
        let removed = uploads::remove_unattached(c, before, 500)?;
        if removed.is_empty() {
            return Ok::<_, Error>((0, Vec::new()));
        }
        let hashes: BTreeSet<&str> =
            removed.iter().flat_map(|r| [r.sha256.as_str(), r.thumb_sha256.as_str()]).collect();
        let mut unused = Vec::new();
        for h in hashes {
            if !uploads::still_used(c, h)? {
                unused.push(h.to_owned());
            }
        }
        let ids: Vec<&str> = removed.iter().map(|r| r.id.as_str()).collect();
        audit::append(
            c,
            audit::Event {
                actor_id: None,
                action: "upload.sweep",
                object_type: "upload",
                object_id: ids[0],
                community_id: None,
                district_id: None,
                detail: json!({ "removed": ids, "unattached_hours": photo::UNATTACHED_HOURS }),
            },
        )?;
        Ok((removed.len(), unused))
    })?;
    // After the commit: a file is deleted only once no row can name it.
    for h in unused {
        if let Err(e) = ctx.photos.files.remove(&h) {
            tracing::warn!(sha256 = %h, error = %e, "an unused photo file could not be removed");
        }
    }
    Ok(removed)
}
