//! The OpenAPI document, generated from the handlers registered with `.service()` (so a route
//! cannot be served without being documented).

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "diandan",
        description = "Resident consultation on the renovation of old residential communities (老旧小区改造 点单). \
Errors are application/problem+json with a stable `code`.",
        license(name = "MIT")
    ),
    components(schemas(crate::problem::Problem, crate::problem::FieldError)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut api) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(crate::routes::configure).split_for_parts();
    declare_problems(&mut api);
    crate::openapi_codes::declare(&mut api);
    api
}

/// Error answers as they really are: problem bodies are `application/problem+json`, and every
/// operation lists the errors the framework and the extractors can give it besides its own
/// (schemathesis found them undocumented): 400 (bad query or JSON), 401 (bearer missing or
/// invalid), 404 (unknown id), 413/415/422 (bodies), 503 (database unavailable).
fn declare_problems(api: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    const PROBLEM: &str = "#/components/schemas/Problem";
    let problem = |description: &str| {
        RefOr::T(
            ResponseBuilder::new()
                .description(description)
                .content("application/problem+json", ContentBuilder::new().schema(Some(Ref::new(PROBLEM))).build())
                .build(),
        )
    };
    for (path, item) in api.paths.paths.iter_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for op in operations.into_iter().flatten() {
            for response in op.responses.responses.values_mut() {
                if let RefOr::T(r) = response {
                    let is_problem = |c: &utoipa::openapi::Content| matches!(&c.schema, Some(RefOr::Ref(x)) if x.ref_location == PROBLEM);
                    if let Some(content) = r.content.shift_remove("application/json") {
                        let key = if is_problem(&content) { "application/problem+json" } else { "application/json" };
                        r.content.insert(key.to_string(), content);
                    }
                }
            }
            if !path.starts_with("/api/") {
                continue;
            }
            let mut add = |status: &str, description: &str| {
                op.responses.responses.entry(status.to_string()).or_insert_with(|| problem(description));
            };
            add("400", "bad_request, malformed_json, invalid_query");
            add("404", "not_found");
            add("503", "database_unavailable, overloaded");
            if op.security.is_some() {
                add("401", "missing_token, invalid_token, token_expired");
            }
            let queried =
                op.parameters.iter().flatten().any(|p| p.parameter_in == utoipa::openapi::path::ParameterIn::Query);
            if queried || op.request_body.is_some() {
                add("422", "invalid_body, validation_failed");
            }
            if op.request_body.is_some() {
                add("413", "body_too_large");
                add("415", "unsupported_media_type");
            }
        }
    }
}

/// The committed `openapi.yaml` is exactly this text (a test compares them).
pub fn yaml() -> String {
    let mut doc = serde_norway::to_value(document()).expect("the OpenAPI document serialises");
    crate::openapi_rules::declare(&mut doc);
    quote_yaml11_booleans(&serde_norway::to_string(&doc).expect("the OpenAPI document serialises to YAML"))
}

/// The serializer writes YAML 1.2, where `no` and `yes` are plain strings; YAML 1.1 readers
/// (PyYAML, SnakeYAML in code generators) read them as booleans. The only such scalars in the
/// document are enumeration values (the co-pay answers `no` and `yes`), so list items of
/// exactly those words are quoted.
fn quote_yaml11_booleans(yaml: &str) -> String {
    const WORDS: [&str; 8] = ["yes", "no", "on", "off", "y", "n", "Yes", "No"];
    let mut out = String::with_capacity(yaml.len() + 64);
    for line in yaml.lines() {
        let item = line.trim_start().strip_prefix("- ");
        match item {
            Some(word) if WORDS.contains(&word) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                out.push_str(&format!("{indent}- '{word}'"));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of one component schema (those indented under `    NAME:`).
    fn schema_lines(yaml: &str, name: &str) -> String {
        let header = format!("    {name}:");
        let rest = yaml.lines().skip_while(|l| *l != header).skip(1);
        rest.take_while(|l| l.starts_with("      ")).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn enumerations_come_from_the_domain_and_read_as_strings_in_yaml_1_1() {
        let yaml = yaml();
        // The co-pay answers, quoted where YAML 1.1 would read a boolean.
        let copay = schema_lines(&yaml, "ItemChoiceIn");
        for word in ["- 'no'", "- 'yes'", "- up_to1000", "- above20000", "- null"] {
            assert!(copay.contains(word), "{word} in {copay}");
        }
        assert!(!yaml.lines().any(|l| matches!(l.trim(), "- no" | "- yes")));
        assert_eq!(quote_yaml11_booleans("a:\n  - no\n  - noise\n  - 'x'\n"), "a:\n  - 'no'\n  - noise\n  - 'x'\n");
        // Every complaint category the handler accepts is offered.
        let complaint = schema_lines(&yaml, "NewComplaint");
        for c in diandan_domain::complaint::Category::ALL {
            assert!(complaint.contains(&format!("- {}", c.as_str())), "{}", c.as_str());
        }
    }
}
