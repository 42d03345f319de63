//! POST /api/v1/complaints/{id}/me-too — status unchanged.

crate::state_step!(
    complaint "/me-too",
    "markComplaintMeToo",
    MeToo,
    conflicts = "invalid_transition, changed_concurrently, already_marked, own_complaint",
    "Me too (我也遇到): another verified resident of the community has the same problem."
);
