//! Subscribe messages: the kinds of event a resident can be told of, the templates configured
//! for them, and how a value is cut to what WeChat accepts for a template key (`thing` 20
//! characters, `phrase` 5, `name` 10, `character_string` 32 ASCII, `number` 32 digits, `time`
//! and `date` as Chinese dates). WeChat refuses a whole message (47003) when one value breaks
//! its key's rule, so the values are made to fit before sending.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

crate::wire_enum! {
    /// What a message tells of.
    pub enum MessageKind {
        /// A consultation opened for voting (owners on its roll).
        VoteOpened = "vote_opened",
        /// Voting closes within 48 hours and the owner has not voted.
        VoteClosing = "vote_closing",
        /// A consultation's result was published.
        ResultPublished = "result_published",
        /// The committee approved or rejected the resident's claim to a dwelling.
        ClaimDecided = "claim_decided",
        /// A work order of the resident was accepted, refused or answered.
        ComplaintUpdate = "complaint_update",
        /// A rating period of the property manager opened.
        RatingOpened = "rating_opened",
    }
}

/// The template configured for one kind (`DIANDAN_WX_TEMPLATES`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub template_id: String,
    /// The mini-program page the message opens; `{name}` is replaced by the message's value.
    #[serde(default)]
    pub page: Option<String>,
    /// Template key (`thing1`, `time2`, …) → the name of the message's value to put there.
    pub fields: BTreeMap<String, String>,
}

/// The configured templates by kind; a kind without a template is never queued.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates(pub BTreeMap<MessageKind, Template>);

impl Templates {
    /// Parses `{"vote_opened": {"template_id": "…", "page": "…", "fields": {"thing1": "title"}}, …}`.
    pub fn parse(json: &str) -> Result<Templates, String> {
        if json.trim().is_empty() {
            return Ok(Templates::default());
        }
        let raw: BTreeMap<String, Template> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut out = BTreeMap::new();
        for (name, t) in raw {
            let kind = MessageKind::parse(&name)
                .ok_or_else(|| format!("`{name}` is not a message kind ({})", MessageKind::names()))?;
            if t.template_id.trim().is_empty() {
                return Err(format!("{name}: template_id is empty"));
            }
            for key in t.fields.keys() {
                if key_rule(key).is_none() {
                    return Err(format!("{name}: `{key}` is not a WeChat template key (thing1, time2, …)"));
                }
            }
            out.insert(kind, t);
        }
        Ok(Templates(out))
    }

    pub fn get(&self, kind: MessageKind) -> Option<&Template> {
        self.0.get(&kind)
    }

    pub fn kind_of(&self, template_id: &str) -> Option<MessageKind> {
        self.0.iter().find(|(_, t)| t.template_id == template_id).map(|(k, _)| *k)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyRule {
    Chars(usize),
    Ascii(usize),
    Digits(usize),
    Time,
    Date,
}

/// The rule of a template key by its name without the trailing number.
fn key_rule(key: &str) -> Option<KeyRule> {
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() == key.len() {
        return None;
    }
    Some(match stem {
        "thing" => KeyRule::Chars(20),
        "phrase" => KeyRule::Chars(5),
        "name" => KeyRule::Chars(10),
        "character_string" | "letter" | "symbol" | "car_number" => KeyRule::Ascii(32),
        "number" | "amount" | "phone_number" => KeyRule::Digits(32),
        "time" => KeyRule::Time,
        "date" => KeyRule::Date,
        _ => return None,
    })
}

/// `value` made to fit the template key `key`. Times and dates are given as RFC 3339.
pub fn fit(key: &str, value: &str) -> String {
    let cut = |s: &str, n: usize| -> String {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() <= n {
            s.to_string()
        } else {
            // Cut with an ellipsis so a reader sees the text goes on.
            chars[..n - 1].iter().collect::<String>() + "…"
        }
    };
    let when = || DateTime::parse_from_rfc3339(value).ok().map(|t| t.with_timezone(&Utc));
    match key_rule(key) {
        Some(KeyRule::Chars(n)) => cut(value.trim(), n),
        Some(KeyRule::Ascii(n)) => value.chars().filter(|c| c.is_ascii_graphic()).take(n).collect(),
        Some(KeyRule::Digits(n)) => value.chars().filter(|c| c.is_ascii_digit() || *c == '.').take(n).collect(),
        Some(KeyRule::Time) => when().map(crate::time::china_minute).unwrap_or_else(|| value.to_string()),
        Some(KeyRule::Date) => when().map(crate::time::china_date).unwrap_or_else(|| value.to_string()),
        None => value.to_string(),
    }
}

/// Seconds to wait before the `attempt`-th retry (1, 2, …): 30 s, doubling, at most an hour.
pub fn backoff_secs(attempt: i32) -> i64 {
    let exp = attempt.clamp(1, 8) - 1;
    (30i64 << exp).min(3600)
}

/// Sends tried at most this many times when WeChat is busy.
pub const MAX_ATTEMPTS: i32 = 5;

/// `page` with every `{name}` replaced by the value of that name.
pub fn page(template: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fit_their_keys() {
        assert_eq!(
            fit("thing1", "幸福里小区加装电梯和二次供水改造意见征询第二轮"),
            "幸福里小区加装电梯和二次供水改造意见征…"
        );
        assert_eq!(fit("thing1", "幸福里小区加装电梯和二次供水改造意见征询…").chars().count(), 20);
        assert_eq!(fit("thing3", "短"), "短");
        assert_eq!(fit("phrase2", "已通过审核"), "已通过审核");
        assert_eq!(fit("phrase2", "已通过审核了"), "已通过审…");
        assert_eq!(fit("time4", "2026-12-03T07:01:30Z"), "2026年12月3日 15:01");
        assert_eq!(fit("date5", "2026-12-31T17:00:00Z"), "2027年1月1日");
        assert_eq!(fit("character_string6", "NO.2026-12 号"), "NO.2026-12");
        assert_eq!(fit("number7", "12户"), "12");
    }

    #[test]
    fn templates_parse_and_refuse_unknown_kinds_and_keys() {
        let t = Templates::parse(
            r#"{"vote_opened": {"template_id": "T1", "page": "pages/vote?id={consultation_id}", "fields": {"thing1": "title", "time2": "closes_at"}}}"#,
        )
        .unwrap();
        assert_eq!(t.kind_of("T1"), Some(MessageKind::VoteOpened));
        assert_eq!(t.get(MessageKind::VoteOpened).unwrap().fields.len(), 2);
        assert!(Templates::parse(r#"{"vote": {"template_id": "T", "fields": {}}}"#)
            .unwrap_err()
            .contains("not a message kind"));
        assert!(Templates::parse(r#"{"vote_opened": {"template_id": "T", "fields": {"title": "title"}}}"#)
            .unwrap_err()
            .contains("not a WeChat template key"));
        assert_eq!(Templates::parse("  ").unwrap(), Templates::default());
    }

    #[test]
    fn retries_back_off_doubling_to_an_hour() {
        let waits: Vec<i64> = (1..=9).map(backoff_secs).collect();
        assert_eq!(waits, vec![30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        let values = BTreeMap::from([("consultation_id".to_string(), "abc".to_string())]);
        assert_eq!(page("pages/vote/index?id={consultation_id}", &values), "pages/vote/index?id=abc");
    }
}
