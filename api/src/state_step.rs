//! The one shape of every state-step endpoint (a consultation's lifecycle, a work order's
//! flow): `POST /…/{id}/<step>`, the caller's right and the step in one use case, answered with
//! the object as the caller now sees it. Each endpoint file is one line naming its path,
//! operationId, step, the 409 codes of its rule, and its documentation.

#[macro_export]
macro_rules! state_step {
    (consultation $path:literal, $operation:literal, $step:ident, conflicts = $conflicts:literal, $doc:literal) => {
        use actix_web::post;

        #[doc = $doc]
        #[utoipa::path(
            operation_id = $operation,
            tag = "consultations",
            security(("bearer" = [])),
            params(("id" = String, Path, description = "consultation id")),
            responses(
                (status = 200, body = diandan_app::consultations::views::ConsultationView),
                (status = 403, body = $crate::problem::Problem),
                (status = 404, body = $crate::problem::Problem),
                (status = 409, description = $conflicts, body = $crate::problem::Problem),
            )
        )]
        #[post($path)]
        pub async fn handler(
            state: actix_web::web::Data<$crate::state::AppState>,
            caller: $crate::caller::Caller,
            id: actix_web::web::Path<String>,
        ) -> Result<actix_web::web::Json<diandan_app::consultations::views::ConsultationView>, $crate::problem::ApiError> {
            use diandan_app::consultations::steps::{take, Step};
            let id = id.into_inner();
            let view = $crate::blocking::run(&state, move |app| take(app, &caller, &id, Step::$step)).await?;
            Ok(actix_web::web::Json(view))
        }
    };
    (complaint $path:literal, $operation:literal, $action:ident, conflicts = $conflicts:literal, $doc:literal) => {
        use actix_web::post;

        #[doc = $doc]
        #[utoipa::path(
            operation_id = $operation,
            tag = "complaints",
            security(("bearer" = [])),
            params(("id" = String, Path, description = "complaint id")),
            request_body = diandan_app::complaints::flow::StepBody,
            responses(
                (status = 200, body = diandan_app::complaints::views::ComplaintView),
                (status = 403, body = $crate::problem::Problem),
                (status = 404, body = $crate::problem::Problem),
                (status = 409, description = $conflicts, body = $crate::problem::Problem),
                (status = 422, description = "validation_failed, content_rejected (a resident's note)", body = $crate::problem::Problem),
            )
        )]
        #[post($path)]
        pub async fn handler(
            state: actix_web::web::Data<$crate::state::AppState>,
            caller: $crate::caller::Caller,
            id: actix_web::web::Path<String>,
            body: actix_web::web::Json<diandan_app::complaints::flow::StepBody>,
        ) -> Result<actix_web::web::Json<diandan_app::complaints::views::ComplaintView>, $crate::problem::ApiError> {
            use diandan_app::complaints::flow::{take, Step};
            let step = Step {
                action: diandan_domain::complaint::Action::$action,
                note: body.into_inner().note,
                assign_to: None,
            };
            let id = id.into_inner();
            let view = $crate::blocking::run(&state, move |app| take(app, &caller, &id, step)).await?;
            Ok(actix_web::web::Json(view))
        }
    };
}
