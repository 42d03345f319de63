//! What a ballot holds and how it is validated: per item a choice, optionally a priority rank
//! and a co-pay willingness; one short comment. Stored as JSON text on each version.

use crate::tally::Choice;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

pub const MAX_COMMENT_CHARS: usize = 200;

crate::wire_enum! {
    /// Willingness to share the cost.
    pub enum CoPay {
        No = "no",
        Yes = "yes",
        /// Up to ¥1,000 per household.
        UpTo1000 = "up_to1000",
        /// Up to ¥5,000.
        UpTo5000 = "up_to5000",
        /// Up to ¥20,000.
        UpTo20000 = "up_to20000",
        /// More than ¥20,000.
        Above20000 = "above20000",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChoice {
    pub choice: Choice,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay: Option<CoPay>,
    /// For an item with candidates: the candidate voted for (with `support`; `oppose` is none
    /// of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate: Option<String>,
}

/// A ballot's content, keyed by item id (BTreeMap: a stable JSON form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Choices {
    pub items: BTreeMap<String, ItemChoice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceError {
    pub field: String,
    pub message: String,
}

fn err(field: impl Into<String>, message: impl Into<String>) -> ChoiceError {
    ChoiceError { field: field.into(), message: message.into() }
}

/// Checks a ballot against the menu. `allowed` holds the items whose scope contains one of the
/// owner's dwellings; `menu` all items of the consultation.
pub fn validate(c: &Choices, menu: &HashSet<String>, allowed: &HashSet<String>) -> Result<(), Vec<ChoiceError>> {
    let mut errors = Vec::new();
    if c.items.is_empty() {
        errors.push(err("choices", "choose at least one item"));
    }
    let mut priorities = HashSet::new();
    for (id, ic) in &c.items {
        if !menu.contains(id) {
            errors.push(err(format!("choices.{id}"), "no such item in this consultation"));
            continue;
        }
        if !allowed.contains(id) {
            errors.push(err(format!("choices.{id}"), "this item's scope does not include any of your dwellings"));
        }
        if let Some(p) = ic.priority {
            if p == 0 || p as usize > menu.len() {
                errors.push(err(format!("choices.{id}.priority"), format!("must be between 1 and {}", menu.len())));
            } else if !priorities.insert(p) {
                errors.push(err(format!("choices.{id}.priority"), format!("priority {p} is given to two items")));
            }
        }
    }
    if let Some(comment) = &c.comment {
        if comment.chars().count() > MAX_COMMENT_CHARS {
            errors.push(err("comment", format!("must be at most {MAX_COMMENT_CHARS} characters")));
        }
        if comment.chars().any(|ch| ch.is_control() && ch != '\n') {
            errors.push(err("comment", "contains control characters"));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks the candidates named: `candidates` holds, per item with candidates, their keys. On
/// such an item `support` names one of them and `oppose` (none of them) or `abstain` none; an
/// item without candidates takes none.
pub fn validate_candidates(c: &Choices, candidates: &HashMap<String, HashSet<String>>) -> Result<(), Vec<ChoiceError>> {
    let mut errors = Vec::new();
    for (id, ic) in &c.items {
        let field = format!("choices.{id}.candidate");
        match (candidates.get(id), &ic.candidate, ic.choice) {
            (None, Some(_), _) => errors.push(err(field, "this item has no candidates")),
            (None, None, _) => {}
            (Some(keys), Some(k), Choice::Support) if keys.contains(k) => {}
            (Some(_), Some(_), Choice::Support) => errors.push(err(field, "no such candidate on this item")),
            (Some(_), None, Choice::Support) => errors.push(err(field, "name the candidate you vote for")),
            (Some(_), Some(_), _) => {
                errors.push(err(field, "a candidate is named only with support (oppose: none of them)"))
            }
            (Some(_), None, _) => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Points for a priority rank: rank 1 of N items earns N points, rank N earns 1 (a Borda count
/// over the ranks owners chose to give).
pub fn priority_points(rank: u32, items: usize) -> i64 {
    (items as i64 + 1 - rank as i64).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> HashSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn choices(entries: &[(&str, Choice, Option<u32>)]) -> Choices {
        Choices {
            items: entries
                .iter()
                .map(|(id, c, p)| {
                    (id.to_string(), ItemChoice { choice: *c, priority: *p, copay: None, candidate: None })
                })
                .collect(),
            comment: None,
        }
    }

    #[test]
    fn accepts_a_valid_ballot_and_round_trips_json() {
        let c = choices(&[("a", Choice::Support, Some(1)), ("b", Choice::Abstain, None)]);
        assert_eq!(validate(&c, &set(&["a", "b"]), &set(&["a", "b"])), Ok(()));
        let text = serde_json::to_string(&c).unwrap();
        assert_eq!(text, r#"{"items":{"a":{"choice":"support","priority":1},"b":{"choice":"abstain"}}}"#);
        assert_eq!(serde_json::from_str::<Choices>(&text).unwrap(), c);
    }

    #[test]
    fn refuses_unknown_out_of_scope_and_duplicate_priorities() {
        let c =
            choices(&[("a", Choice::Support, Some(1)), ("b", Choice::Oppose, Some(1)), ("x", Choice::Support, None)]);
        let errs = validate(&c, &set(&["a", "b"]), &set(&["a"])).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["choices.b", "choices.b.priority", "choices.x"]);
        assert!(validate(&Choices::default(), &set(&["a"]), &set(&["a"])).is_err());
        let mut long = choices(&[("a", Choice::Support, None)]);
        long.comment = Some("很".repeat(201));
        assert_eq!(validate(&long, &set(&["a"]), &set(&["a"])).unwrap_err()[0].field, "comment");
    }

    #[test]
    fn candidates_are_named_with_support_only() {
        let cands: HashMap<String, HashSet<String>> = [("p".to_string(), set(&["A", "B"]))].into_iter().collect();
        let mut c = choices(&[("p", Choice::Support, None), ("q", Choice::Support, None)]);
        let fields = |c: &Choices| -> Vec<String> {
            validate_candidates(c, &cands).err().unwrap_or_default().into_iter().map(|e| e.message).collect()
        };
        assert_eq!(fields(&c), vec!["name the candidate you vote for"]);
        c.items.get_mut("p").unwrap().candidate = Some("A".into());
        assert_eq!(validate_candidates(&c, &cands), Ok(()));
        c.items.get_mut("p").unwrap().candidate = Some("C".into());
        c.items.get_mut("q").unwrap().candidate = Some("A".into());
        assert_eq!(fields(&c), vec!["no such candidate on this item", "this item has no candidates"]);
        let none = choices(&[("p", Choice::Oppose, None)]);
        assert_eq!(validate_candidates(&none, &cands), Ok(()));
    }

    #[test]
    fn borda_points() {
        assert_eq!(priority_points(1, 5), 5);
        assert_eq!(priority_points(5, 5), 1);
    }
}
