//! The paths served and their methods, read from the OpenAPI document of the routes as they
//! are registered (`app.rs`), to tell "wrong method" (405) from "no such path" (404).

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
            for (name, op) in [
                ("GET", &item.get),
                ("POST", &item.post),
                ("PUT", &item.put),
                ("PATCH", &item.patch),
                ("DELETE", &item.delete),
            ] {
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
