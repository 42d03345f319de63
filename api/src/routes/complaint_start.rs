//! POST /api/v1/complaints/{id}/start — assigned | reopened → in_progress.

crate::complaint_step!("/start", "startComplaint", Start, "Start work on an order: whoever it is assigned to.");
