//! POST /api/v1/consultations/{id}/finish-review

crate::state_step!(
    consultation "/finish-review",
    "finishReview",
    FinishReview,
    conflicts = "objection_period, objections_unanswered, items_undecided, wrong_state",
    "Finish the review: every objection answered, the objection period over, every item decided."
);
