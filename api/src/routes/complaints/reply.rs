//! POST /api/v1/complaints/{id}/reply — assigned | in_progress | reopened → replied.

crate::state_step!(
    complaint "/reply",
    "replyToComplaint",
    Reply,
    conflicts = "invalid_transition, changed_concurrently",
    "Answer an order (办理反馈): whoever it is assigned to; the note is the answer."
);
