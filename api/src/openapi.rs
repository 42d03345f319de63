//! The OpenAPI document, generated from the handlers registered with `.service()` (so a route
//! cannot be served without being documented), and the route table used for 405 answers.

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
    let (_, api) = App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(crate::routes::configure).split_for_parts();
    api
}

/// The committed `openapi.yaml` is exactly this text (a test compares them).
pub fn yaml() -> String {
    document().to_yaml().expect("the OpenAPI document serialises to YAML")
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Param,
}

/// Path templates with their methods, to tell "wrong method" (405) from "no such path" (404).
#[derive(Debug, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<&'static str>)>,
}

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let mut routes = Vec::new();
        for (path, item) in doc.paths.paths.iter() {
            let segments = path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| if s.starts_with('{') { Segment::Param } else { Segment::Literal(s.to_string()) })
                .collect();
            let mut methods = Vec::new();
            for (name, op) in
                [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("PATCH", &item.patch), ("DELETE", &item.delete)]
            {
                if op.is_some() {
                    methods.push(name);
                }
            }
            routes.push((segments, methods));
        }
        RouteTable { routes }
    }

    /// The methods served at `path`, comma-separated, or None when no route has this path.
    pub fn allowed(&self, path: &str) -> Option<String> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let mut methods: Vec<&str> = Vec::new();
        for (segments, ms) in &self.routes {
            let matches = segments.len() == parts.len()
                && segments.iter().zip(&parts).all(|(s, p)| match s {
                    Segment::Param => true,
                    Segment::Literal(l) => l == p,
                });
            if matches {
                methods.extend(ms.iter());
            }
        }
        if methods.is_empty() {
            None
        } else {
            methods.sort_unstable();
            methods.dedup();
            Some(methods.join(", "))
        }
    }
}
