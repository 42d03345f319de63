//! POST /api/v1/complaints/{id}/reject — submitted → rejected.

crate::state_step!(
    complaint "/reject",
    "rejectComplaint",
    Reject,
    conflicts = "invalid_transition, changed_concurrently",
    "Reject an order with a reason: the committee."
);
