//! POST /api/v1/complaints/{id}/send-back — replied → reopened.

crate::complaint_step!(
    "/send-back",
    "sendBackComplaint",
    SendBack,
    "The submitter is not satisfied: the order reopens and its deadline starts again."
);
