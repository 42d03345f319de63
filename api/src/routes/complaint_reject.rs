//! POST /api/v1/complaints/{id}/reject — submitted → rejected.

crate::complaint_step!("/reject", "rejectComplaint", Reject, "Reject an order with a reason: the committee.");
