//! POST /api/v1/complaints/{id}/reject — submitted → rejected.

crate::state_step!(complaint "/reject", "rejectComplaint", Reject, "Reject an order with a reason: the committee.");
