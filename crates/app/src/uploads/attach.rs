//! Attaching uploads to a work order or an objection, in the transaction that stores it: each
//! must be the caller's, attached to nothing yet and not refused by WeChat's image check.

use crate::{Code, Error, FieldError};
use diandan_domain::{ids, limits};
use diandan_store::AnyConnection;
use diandan_store::{held, uploads};

/// The problems of `ids` as the photos of something `user` is submitting (empty: fine).
pub fn check(c: &mut AnyConnection, user: &str, ids: &[String]) -> Result<Vec<FieldError>, Error> {
    let mut errors = Vec::new();
    if ids.len() > limits::PHOTOS_MAX {
        errors.push(FieldError::new("photos", format!("at most {} photos", limits::PHOTOS_MAX)));
        return Ok(errors);
    }
    let known: Vec<String> = ids.iter().filter(|id| ids::is_uuid(id)).cloned().collect();
    let rows = uploads::get_many(c, &known)?;
    for (i, id) in ids.iter().enumerate() {
        let field = format!("photos[{i}]");
        if ids[..i].contains(id) {
            errors.push(FieldError::new(&field, "is already in the list"));
            continue;
        }
        match rows.iter().find(|r| &r.id == id) {
            Some(r) if r.uploaded_by == user && r.attached_to.is_none() && r.review != "rejected" => {}
            Some(r) if r.uploaded_by == user && r.review == "rejected" => {
                errors.push(FieldError::new(&field, "was refused by WeChat's image check"))
            }
            Some(r) if r.uploaded_by == user => errors.push(FieldError::new(&field, "is already attached")),
            _ => errors.push(FieldError::new(&field, "is not a photo you uploaded (POST /api/v1/uploads)")),
        }
    }
    Ok(errors)
}

/// Attaches the checked `ids` to `(kind, subject)` of `community_id`, in their order; a photo
/// WeChat held before it was attached goes to that community's review queue.
pub fn attach(
    c: &mut AnyConnection,
    user: &str,
    (kind, subject, community_id): (&str, &str, &str),
    ids: &[String],
) -> Result<(), Error> {
    for (position, id) in ids.iter().enumerate() {
        if !uploads::attach(c, id, user, kind, subject, position as i32)? {
            // Checked in this transaction: only a concurrent attach of the same photo gets here.
            return Err(Error::new(Code::ChangedConcurrently, format!("photo {id} was attached elsewhere meanwhile")));
        }
        held::adopt(c, "photo", id, community_id)?;
    }
    Ok(())
}
