//! The rules the handlers enforce, stated in the OpenAPI document from the same constants
//! (`diandan_domain::limits`, the domain's enumerations), so a client generated from the spec
//! validates what the server will accept: lengths, ranges, patterns, formats, enumerations,
//! and the conditional shapes (a role grant names a district, a community or a company by its
//! role; a complaint's location by its kind). What depends on stored data (existence,
//! membership, the menu's size, the voting window) cannot be stated and is not.
//!
//! The document is edited as a YAML value (which keeps the order of keys): utoipa's model
//! has no place for `oneOf` variants beside an object's properties, for `not`, `const` or
//! `propertyNames`, so these rules are applied to the serialised document.

use diandan_domain::catalog::DEFAULT_CATALOG;
use diandan_domain::limits::{self, Range, Text};
use diandan_domain::{complaint, cost_share, election, proxy, roles};
use serde_json::{json, Map, Value};
use serde_norway::Value as Yaml;

fn yaml(v: Value) -> Yaml {
    serde_norway::to_value(v).expect("JSON converts to YAML")
}

/// Characters refused in names: controls, and the invisible and bidirectional characters of
/// `diandan_domain::text::is_invisible`.
const NAME_REFUSED: &str = "\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u17b4\\u17b5\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff\\uffa0";

fn text(t: Text) -> Value {
    let mut v = json!({ "minLength": t.min, "maxLength": t.max });
    let pattern = match (t.name, t.min) {
        // No refused character anywhere, and something besides white space.
        (true, _) => Some(format!("^[^{NAME_REFUSED}]*[^\\s{NAME_REFUSED}][^{NAME_REFUSED}]*$")),
        (false, 0) => None,
        (false, _) => Some("\\S".to_string()),
    };
    if let Some(p) = pattern {
        v["pattern"] = json!(p);
    }
    v
}

fn range(r: Range) -> Value {
    json!({ "minimum": r.min, "maximum": r.max })
}

fn pattern(p: &str) -> Value {
    json!({ "pattern": p })
}

fn one_of(values: &[&str]) -> Value {
    json!({ "enum": values })
}

fn date() -> Value {
    json!({ "format": "date", "pattern": limits::DATE_PATTERN })
}

fn uuid() -> Value {
    json!({ "format": "uuid" })
}

/// A rule that replaces a whole schema (an array's items) must carry its type.
fn typed(t: &str, mut rule: Value) -> Value {
    rule["type"] = json!(t);
    rule
}

/// Merges `extra` into the schema at `target`; a nullable field keeps `null` in its `enum`.
fn merge(target: &mut Yaml, extra: &Value) {
    let nullable =
        target.get("type").and_then(Yaml::as_sequence).is_some_and(|a| a.iter().any(|x| x.as_str() == Some("null")));
    let (Some(t), Some(e)) = (target.as_mapping_mut(), extra.as_object()) else { panic!("schemas are objects") };
    for (k, v) in e {
        let mut v = v.clone();
        if k == "enum" && nullable {
            v.as_array_mut().expect("enum is a list").push(Value::Null);
        }
        t.insert(Yaml::from(k.clone()), yaml(v));
    }
}

fn property<'a>(doc: &'a mut Yaml, schema: &str, field: &str) -> &'a mut Yaml {
    let s = &mut doc["components"]["schemas"][schema];
    assert!(s.is_mapping(), "no schema {schema}");
    let p = &mut s["properties"][field];
    assert!(p.is_mapping(), "no {schema}.{field}");
    p
}

fn parameter<'a>(doc: &'a mut Yaml, path: &str, method: &str, name: &str) -> &'a mut Yaml {
    let params = doc["paths"][path][method]["parameters"]
        .as_sequence_mut()
        .unwrap_or_else(|| panic!("no parameters on {method} {path}"));
    let p = params
        .iter_mut()
        .find(|p| p["name"].as_str() == Some(name))
        .unwrap_or_else(|| panic!("no parameter {name} on {method} {path}"));
    &mut p["schema"]
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|v| name(*v)).collect()
}

pub fn declare(doc: &mut Yaml) {
    use diandan_domain::{
        ballot::CoPay, catalog, electorate::ScopeKind, message::MessageKind, project, roster, tally, works,
    };
    // Fields that are plain strings in Rust (a wrong value is a 422 naming the field) but take
    // one of a domain list's values.
    let enums: Vec<(&str, &str, Vec<&str>)> = vec![
        ("NewBinding", "relation", names(roles::Relation::ALL, roles::Relation::as_str)),
        ("NewGrant", "role", names(roles::Role::ALL, roles::Role::as_str)),
        ("NewCatalogItem", "category", names(catalog::Category::ALL, catalog::Category::as_str)),
        ("NewCatalogItem", "scope", names(ScopeKind::ALL, ScopeKind::as_str)),
        ("NewCatalogItem", "rule", names(tally::Rule::ALL, tally::Rule::as_str)),
        ("NewItem", "scope", names(ScopeKind::ALL, ScopeKind::as_str)),
        ("NewItem", "rule", names(tally::Rule::ALL, tally::Rule::as_str)),
        ("ItemChoiceIn", "choice", names(tally::Choice::ALL, tally::Choice::as_str)),
        ("ItemChoiceIn", "copay", names(CoPay::ALL, CoPay::as_str)),
        ("NewComplaint", "category", names(complaint::Category::ALL, complaint::Category::as_str)),
        ("NewComplaint", "urgency", names(complaint::Urgency::ALL, complaint::Urgency::as_str)),
        ("AssignBody", "to", names(complaint::Assignee::ALL, complaint::Assignee::as_str)),
        ("NoticeView", "source", vec!["manual", "consultation_announced", "consultation_published", "design_notice"]),
        (
            "FeedItem",
            "kind",
            vec!["vote", "review", "confirm_complaint", "rate", "rate_works", "notice", "claim_pending", "receipt"],
        ),
        ("MessageTemplate", "kind", names(MessageKind::ALL, MessageKind::as_str)),
        ("MessageGrant", "kind", names(MessageKind::ALL, MessageKind::as_str)),
        ("NewRepresentative", "seat", names(project::Seat::ALL, project::Seat::as_str)),
        ("NewProxy", "kind", names(proxy::ProxyKind::ALL, proxy::ProxyKind::as_str)),
        ("ProxyView", "kind", names(proxy::ProxyKind::ALL, proxy::ProxyKind::as_str)),
        ("ProxyView", "status", names(proxy::ProxyStatus::ALL, proxy::ProxyStatus::as_str)),
        ("ChannelView", "channel", vec!["online", "paper", "proxy"]),
        ("OpinionIn", "opinion", names(project::Opinion::ALL, project::Opinion::as_str)),
        ("ReviewDecision", "outcome", names(project::Outcome::ALL, project::Outcome::as_str)),
        ("ProjectView", "phase", names(project::Phase::ALL, project::Phase::as_str)),
        ("PhaseView", "phase", names(project::Phase::ALL, project::Phase::as_str)),
        ("DesignSummary", "state", names(project::DesignState::ALL, project::DesignState::as_str)),
        ("DesignView", "state", names(project::DesignState::ALL, project::DesignState::as_str)),
        ("MeasureChange", "change", vec!["added", "removed", "changed", "unchanged"]),
        ("DwellingView", "area_source", names(roster::AreaSource::ALL, roster::AreaSource::as_str)),
        ("AreaSourceView", "source", names(roster::AreaSource::ALL, roster::AreaSource::as_str)),
        ("NewWorksNotice", "kind", names(works::NoticeKind::ALL, works::NoticeKind::as_str)),
        ("NewWorksNotice", "responsible", names(works::Party::ALL, works::Party::as_str)),
        ("WorksNoticeView", "kind", names(works::NoticeKind::ALL, works::NoticeKind::as_str)),
        ("WorksNoticeView", "source", names(works::NoticeSource::ALL, works::NoticeSource::as_str)),
        ("WorksNoticeView", "responsible", names(works::Party::ALL, works::Party::as_str)),
        ("WorksNoticeView", "state", names(works::LedgerState::ALL, works::LedgerState::as_str)),
        ("PartyView", "party", names(works::Party::ALL, works::Party::as_str)),
        ("NewMilestone", "milestone", names(works::Milestone::ALL, works::Milestone::as_str)),
        ("MilestoneView", "milestone", names(works::Milestone::ALL, works::Milestone::as_str)),
        ("MeasureProgress", "reached", names(works::Milestone::ALL, works::Milestone::as_str)),
        ("AcceptanceRatingInput", "level", names(works::Satisfaction::ALL, works::Satisfaction::as_str)),
        ("MyRating", "level", names(works::Satisfaction::ALL, works::Satisfaction::as_str)),
        ("AcceptanceDecisionInput", "decision", names(works::Decision::ALL, works::Decision::as_str)),
        ("AcceptanceDecisionView", "decision", names(works::Decision::ALL, works::Decision::as_str)),
        ("WorksView", "phase", names(project::Phase::ALL, project::Phase::as_str)),
        ("AcceptanceView", "phase", names(project::Phase::ALL, project::Phase::as_str)),
        ("DistrictProjectView", "phase", names(project::Phase::ALL, project::Phase::as_str)),
        // Every code an answer can carry (docs/error-codes.md gives their meanings).
        ("Problem", "code", names(diandan_app::Code::ALL, diandan_app::Code::as_str)),
    ];
    for (schema, field, values) in &enums {
        merge(property(doc, schema, field), &one_of(values));
    }
    let bodies: Vec<(&str, &str, Value)> = vec![
        ("PasswordLogin", "username", json!({ "minLength": 1, "maxLength": 64, "pattern": "\\S" })),
        ("PasswordLogin", "password", json!({ "minLength": 1, "maxLength": 1024 })),
        ("WeChatLogin", "code", json!({ "minLength": 1, "maxLength": limits::WECHAT_CODE_MAX, "pattern": "^[!-~]+$" })),
        (
            "PhoneRequest",
            "code",
            json!({ "minLength": 1, "maxLength": limits::WECHAT_CODE_MAX, "pattern": "^[!-~]+$" }),
        ),
        ("MeUpdate", "display_name", text(limits::DISPLAY_NAME)),
        ("NewStaff", "username", pattern(limits::USERNAME_PATTERN)),
        ("NewStaff", "password", json!({ "minLength": diandan_auth::password::MIN_PASSWORD_CHARS, "maxLength": 1024 })),
        ("NewStaff", "display_name", text(limits::DISPLAY_NAME)),
        ("NewDistrict", "name", text(limits::NAME)),
        ("NewCommunity", "name", text(limits::NAME)),
        ("NewCommunity", "address", text(limits::ADDRESS)),
        ("NewCommunity", "year_built", json!({ "minimum": limits::YEAR_BUILT_MIN })),
        ("NewCommunity", "district_id", uuid()),
        ("NewCompany", "name", text(limits::NAME)),
        ("NewCompany", "credit_code", pattern(limits::CREDIT_CODE_PATTERN)),
        ("NewCompany", "contact_phone", pattern("^[0-9][0-9 -]{3,18}[0-9]$")),
        ("NewCompany", "district_id", uuid()),
        ("NewContract", "company_id", uuid()),
        ("NewContract", "starts_on", date()),
        ("NewContract", "ends_on", date()),
        ("EndContract", "ends_on", date()),
        ("NewBinding", "dwelling_id", uuid()),
        ("NewBinding", "note", text(limits::BINDING_NOTE)),
        ("Rejection", "reason", text(limits::REASON)),
        ("NewSupervisor", "user_id", uuid()),
        ("NewComplaint", "description", text(limits::COMPLAINT_DESCRIPTION)),
        (
            "NewComplaint",
            "photos",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("NewComplaint", "location_kind", one_of(&["building", "unit", "public"])),
        ("NewComplaint", "place", text(limits::PLACE)),
        ("NewComplaint", "catalog_code", pattern(limits::CATALOG_CODE_PATTERN)),
        ("NewComplaint", "dwelling_id", uuid()),
        ("AssignBody", "note", text(limits::COMPLAINT_NOTE)),
        ("StepBody", "note", text(limits::COMPLAINT_NOTE)),
        ("NewItem", "name", text(limits::ITEM_NAME)),
        (
            "NewItem",
            "scope",
            one_of(&names(diandan_domain::electorate::ScopeKind::ALL, diandan_domain::electorate::ScopeKind::as_str)),
        ),
        ("NewItem", "rule_reason", text(limits::RULE_REASON)),
        ("NewItem", "estimated_cost", pattern(limits::MONEY_PATTERN)),
        ("NewItem", "resident_share_percent", pattern(limits::PERCENT_PATTERN)),
        ("NewItem", "description", text(limits::ITEM_DESCRIPTION)),
        ("NewItem", "targets", json!({ "items": typed("string", uuid()) })),
        ("Decision", "decision", one_of(&["approved", "rejected"])),
        ("Decision", "reason", text(limits::DECISION_REASON)),
        ("Extension", "reason", text(limits::REASON)),
        ("ItemChoiceIn", "priority", json!({ "minimum": 1 })),
        ("ItemChoiceIn", "candidate", pattern(election::KEY_PATTERN)),
        (
            "NewItem",
            "candidates",
            json!({ "minItems": election::MIN_CANDIDATES, "maxItems": election::MAX_CANDIDATES }),
        ),
        ("CostPlanInput", "unit_cost", pattern(limits::MONEY_PATTERN)),
        ("CostPlanInput", "subsidy", pattern(limits::MONEY_PATTERN)),
        ("CostPlanInput", "reason", text(limits::RULE_REASON)),
        ("CostPlanInput", "coefficients", json!({ "minItems": 1, "maxItems": cost_share::MAX_FLOOR })),
        ("CoefficientView", "floor", json!({ "minimum": 1, "maximum": cost_share::MAX_FLOOR })),
        ("CoefficientView", "coefficient", pattern("^[0-5](\\.[0-9]{1,2})?$")),
        ("NewObjection", "item_id", uuid()),
        ("CandidateView", "key", pattern(election::KEY_PATTERN)),
        ("CandidateView", "name", json!({ "minLength": 1, "maxLength": election::NAME_MAX })),
        ("BallotRequest", "choices", json!({ "minProperties": 1, "propertyNames": uuid() })),
        ("BallotRequest", "comment", text(limits::BALLOT_COMMENT)),
        ("BallotRequest", "dwelling_id", uuid()),
        ("BallotRequest", "proxy_id", uuid()),
        ("NewProxy", "dwelling_id", uuid()),
        ("NewProxy", "proxy_name", text(limits::NAME)),
        ("NewProxy", "proxy_phone", pattern("^[+0-9 -]{11,20}$")),
        ("NewProxy", "paper_ref", text(limits::SHEET_REF)),
        (
            "NewProxy",
            "photos",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("RejectProxy", "reason", text(limits::REASON)),
        ("RevokeProxy", "reason", text(limits::REASON)),
        ("PaperBallot", "choices", json!({ "minProperties": 1, "propertyNames": uuid() })),
        ("PaperBallot", "comment", text(limits::BALLOT_COMMENT)),
        ("PaperBallot", "dwelling_id", uuid()),
        ("PaperBallot", "sheet_ref", text(limits::SHEET_REF)),
        ("VoidRequest", "reason", text(limits::REASON)),
        ("NewObjection", "text", text(limits::OBJECTION)),
        ("NewObjection", "receipt", text(limits::RECEIPT)),
        (
            "NewObjection",
            "photos",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("Answer", "answer", text(limits::OBJECTION)),
        ("NewNotice", "title", text(limits::NOTICE_TITLE)),
        ("NewNotice", "body", text(limits::NOTICE_BODY)),
        (
            "NewNotice",
            "attachments",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("NoticeChange", "title", text(limits::NOTICE_TITLE)),
        ("NoticeChange", "body", text(limits::NOTICE_BODY)),
        ("Withdrawal", "reason", text(limits::REASON)),
        (
            "SubscribeResults",
            "results",
            json!({ "minProperties": 1, "maxProperties": 10, "additionalProperties": one_of(&["accept", "reject", "ban", "filter"]) }),
        ),
        ("NewPeriod", "name", text(limits::NAME)),
        ("NewPeriod", "district_id", uuid()),
        ("NewReply", "text", text(limits::REPLY)),
        ("NewReply", "company_id", uuid()),
        ("ScoresBody", "comment", text(limits::RATING_COMMENT)),
        ("ScoresBody", "dwelling_id", uuid()),
        ("NewCatalogItem", "code", pattern(limits::CATALOG_CODE_PATTERN)),
        ("NewCatalogItem", "name", text(limits::ITEM_NAME)),
        ("NewGrant", "user_id", uuid()),
        ("NewProject", "consultation_id", uuid()),
        ("NewProject", "title", text(limits::PROJECT_TITLE)),
        ("NewDesign", "note", text(limits::DESIGN_NOTE)),
        ("NewDesign", "measures", json!({ "minItems": 1, "maxItems": limits::MEASURES_MAX })),
        (
            "NewDesign",
            "attachments",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("NewMeasure", "key", pattern(limits::MEASURE_KEY_PATTERN)),
        ("NewMeasure", "title", text(limits::MEASURE_TITLE)),
        ("NewMeasure", "description", text(limits::MEASURE_DESCRIPTION)),
        ("NewMeasure", "estimated_cost", pattern(limits::MONEY_PATTERN)),
        ("NewMeasure", "resident_share_percent", pattern(limits::PERCENT_PATTERN)),
        ("NewMeasure", "unlinked_reason", text(limits::UNLINKED_REASON)),
        ("NewMeasure", "buildings", json!({ "uniqueItems": true, "items": typed("string", uuid()) })),
        ("NewMeasure", "units", json!({ "uniqueItems": true, "items": typed("string", uuid()) })),
        ("NewMeasure", "items", json!({ "uniqueItems": true, "items": typed("string", uuid()) })),
        (
            "NewMeasure",
            "refs",
            json!({ "maxItems": limits::REFS_MAX, "items": typed("string", text(limits::DOCUMENT_REF)) }),
        ),
        ("NewRepresentative", "user_id", uuid()),
        ("NewRepresentative", "dwelling_id", uuid()),
        ("OpinionIn", "measure_id", uuid()),
        ("OpinionIn", "comment", text(limits::OPINION_COMMENT)),
        ("Opinions", "opinions", json!({ "minItems": 1 })),
        ("ReviewDecision", "reason", text(limits::DECISION_REASON)),
        ("ReviewDecision", "notice_days", range(limits::NOTICE_DAYS)),
        ("NewDesignObjection", "measure_id", uuid()),
        ("NewDesignObjection", "text", text(limits::OBJECTION)),
        ("DesignObjectionAnswer", "answer", text(limits::OBJECTION)),
        ("PartyInput", "name", text(limits::NAME)),
        ("PartyInput", "contact_user_id", uuid()),
        ("NewWorksNotice", "measure_id", uuid()),
        ("NewWorksNotice", "problem", text(limits::WORKS_PROBLEM)),
        ("NewWorksNotice", "complaint_id", uuid()),
        (
            "NewWorksNotice",
            "photos",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("RectificationPlan", "plan", text(limits::RECTIFICATION_PLAN)),
        ("CloseWorksNotice", "note", text(limits::CLOSE_NOTE)),
        (
            "CloseWorksNotice",
            "photos",
            json!({ "maxItems": limits::PHOTOS_MAX, "uniqueItems": true, "items": typed("string", uuid()) }),
        ),
        ("NewMilestone", "measure_id", uuid()),
        ("NewMilestone", "note", text(limits::MILESTONE_NOTE)),
        ("AcceptanceRatings", "ratings", json!({ "minItems": 1 })),
        ("AcceptanceRatingInput", "measure_id", uuid()),
        ("AcceptanceRatingInput", "comment", text(limits::ACCEPTANCE_COMMENT)),
        ("AcceptanceDecisionInput", "reason", text(limits::DECISION_REASON)),
    ];
    for (schema, field, rule) in &bodies {
        merge(property(doc, schema, field), rule);
    }
    for dim in diandan_domain::rating::DIMENSIONS {
        merge(property(doc, "ScoresBody", dim), &range(limits::SCORE));
    }
    for schema in ["ConsultationFields", "ConsultationPatch"] {
        merge(property(doc, schema, "title"), &text(limits::TITLE));
        merge(property(doc, schema, "description"), &text(limits::CONSULTATION_DESCRIPTION));
        merge(property(doc, schema, "announce_days"), &range(limits::ANNOUNCE_DAYS));
        merge(property(doc, schema, "objection_days"), &range(limits::OBJECTION_DAYS));
    }
    // A community's own catalogue item may not take a default code.
    let defaults: Vec<&str> = DEFAULT_CATALOG.iter().map(|i| i.code).collect();
    property(doc, "NewCatalogItem", "code")["not"] = yaml(json!({ "enum": defaults }));
    declare_required_notes(doc);
    declare_grant_shapes(doc);
    declare_location_shapes(doc);
    declare_parameters(doc);
}

/// The complaint steps that need a note (`Action::needs_note`) say so in their own body schema.
fn declare_required_notes(doc: &mut Yaml) {
    use diandan_domain::complaint::Action;
    // The endpoints' paths (routes/complaint_*.rs).
    let segment = |a: Action| match a {
        Action::SendBack => "send-back".to_string(),
        Action::Comment => "comments".to_string(),
        a => a.as_str().replace('_', "-"),
    };
    for action in Action::ALL.iter().copied().filter(|a| a.needs_note()) {
        let path = format!("/api/v1/complaints/{{id}}/{}", segment(action));
        let body = &mut doc["paths"][path.as_str()]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert!(body.is_mapping(), "no body for {path}");
        *body = yaml(json!({
            "allOf": [
                { "$ref": "#/components/schemas/StepBody" },
                { "required": ["note"], "properties": { "note": typed("string", text(Text { min: 1, ..limits::COMPLAINT_NOTE })) } },
            ]
        }));
    }
}

/// A role grant names what its role is granted on: an admin a district (or none: the whole
/// platform), committee and designers a community, property staff a company.
fn declare_grant_shapes(doc: &mut Yaml) {
    let absent = json!({ "type": "null" });
    let variant = |roles: Vec<&str>, required: &str, forbidden: &[&str]| {
        let mut props = Map::new();
        props.insert("role".into(), json!({ "enum": roles }));
        props.insert(required.into(), uuid());
        for f in forbidden {
            props.insert((*f).into(), absent.clone());
        }
        let required =
            if required == "district_id" { vec!["user_id", "role"] } else { vec!["user_id", "role", required] };
        if required.len() == 3 {
            props.get_mut(required[2]).expect("inserted")["type"] = json!("string");
        }
        json!({ "type": "object", "properties": props, "required": required })
    };
    let community = vec![roles::Role::Committee.as_str(), roles::Role::Designer.as_str()];
    doc["components"]["schemas"]["NewGrant"]["oneOf"] = yaml(json!([
        variant(vec![roles::Role::Admin.as_str()], "district_id", &["community_id", "company_id"]),
        variant(community, "community_id", &["district_id", "company_id"]),
        variant(vec![roles::Role::Property.as_str()], "company_id", &["district_id", "community_id"]),
    ]));
}

/// A complaint's location: a building, a unit of a building, or a public place.
fn declare_location_shapes(doc: &mut Yaml) {
    let absent = json!({ "type": "null" });
    let name = json!({ "type": "string", "minLength": 1, "maxLength": 64, "pattern": "\\S" });
    let place = json!({ "type": "string" });
    doc["components"]["schemas"]["NewComplaint"]["oneOf"] = yaml(json!([
        { "properties": { "location_kind": { "const": "building" }, "building": name, "unit": absent, "place": absent }, "required": ["building"] },
        { "properties": { "location_kind": { "const": "unit" }, "building": name, "unit": name, "place": absent }, "required": ["building", "unit"] },
        { "properties": { "location_kind": { "const": "public" }, "building": absent, "unit": absent, "place": place }, "required": ["place"] },
    ]));
}

fn declare_parameters(doc: &mut Yaml) {
    let statuses = names(complaint::Status::ALL, complaint::Status::as_str);
    let categories = names(complaint::Category::ALL, complaint::Category::as_str);
    let assignees = names(complaint::Assignee::ALL, complaint::Assignee::as_str);
    let binding_statuses = names(roles::BindingStatus::ALL, roles::BindingStatus::as_str);
    let formats = ["json", "csv", "xlsx"];
    let proxy_statuses = names(proxy::ProxyStatus::ALL, proxy::ProxyStatus::as_str);
    let params: Vec<(&str, &str, &str, Value)> = vec![
        ("/api/v1/communities/{id}/bindings", "get", "status", one_of(&binding_statuses)),
        ("/api/v1/communities/{id}/complaints", "get", "status", one_of(&statuses)),
        ("/api/v1/communities/{id}/complaints", "get", "category", one_of(&categories)),
        ("/api/v1/communities/{id}/complaints", "get", "assignee", one_of(&assignees)),
        ("/api/v1/communities/{id}/complaint-figures", "get", "from", date()),
        ("/api/v1/communities/{id}/complaint-figures", "get", "to", date()),
        ("/api/v1/property-companies/{id}/complaint-figures", "get", "from", date()),
        ("/api/v1/property-companies/{id}/complaint-figures", "get", "to", date()),
        ("/api/v1/rating-periods", "get", "district_id", uuid()),
        ("/api/v1/role-grants", "get", "community_id", uuid()),
        ("/api/v1/role-grants", "get", "district_id", uuid()),
        ("/api/v1/communities/{id}/demand-list", "get", "format", one_of(&formats)),
        ("/api/v1/communities/{id}/demand-list", "get", "consultation_id", uuid()),
        ("/api/v1/communities/{id}/demand-list/chart.svg", "get", "consultation_id", uuid()),
        ("/api/v1/districts/{id}/demand-list", "get", "format", one_of(&formats)),
        (
            "/api/v1/communities/{id}/roster",
            "post",
            "encoding",
            one_of(&["auto", "utf-8", "utf8", "gbk", "gb2312", "gb18030", "cp936"]),
        ),
        ("/api/v1/consultations/{id}/ballot", "get", "dwelling_id", uuid()),
        ("/api/v1/consultations/{id}/proxies", "get", "status", one_of(&proxy_statuses)),
    ];
    for (path, method, name, rule) in &params {
        merge(parameter(doc, path, method, name), rule);
    }
    // `offset` is clamped to 0 and above (limits are clamped per list, so left as they are).
    let key =
        json!({ "minLength": 1, "maxLength": limits::IDEMPOTENCY_KEY_MAX, "pattern": "^[\\t -~]*[!-~][\\t -~]*$" });
    let paths = doc["paths"].as_mapping_mut().expect("paths");
    for (_, item) in paths.iter_mut() {
        for (_, op) in item.as_mapping_mut().expect("path item").iter_mut() {
            let Some(params) = op.get_mut("parameters").and_then(Yaml::as_sequence_mut) else { continue };
            for p in params {
                let rule = match p["name"].as_str() {
                    Some("Idempotency-Key") => key.clone(),
                    Some("offset") => json!({ "minimum": 0 }),
                    _ => continue,
                };
                merge(&mut p["schema"], &rule);
            }
        }
    }
}
