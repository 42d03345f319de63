//! POST /api/v1/complaints/{id}/comments — status unchanged.

crate::complaint_step!(
    "/comments",
    "commentOnComplaint",
    Comment,
    "Add a comment: the call-back channel between the handler (or committee) and the submitter."
);
