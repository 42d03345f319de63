//! The ballot body shared by online and paper ballots, and its conversion to domain choices.

use crate::{Error, FieldError};
use diandan_domain::ballot::{Choices, CoPay, ItemChoice};
use diandan_domain::tally::Choice;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemChoiceIn {
    /// support | oppose | abstain
    pub choice: String,
    /// Your rank for this item among your top choices (1 = most wanted).
    #[serde(default, deserialize_with = "crate::whole_number::opt_int")]
    pub priority: Option<u32>,
    /// no | yes | up_to1000 | up_to5000 | up_to20000 | above20000 (yuan per household)
    pub copay: Option<String>,
    /// On an item with candidates: the key of the candidate you vote for, with `support`
    /// (`oppose`: none of them; `abstain`).
    pub candidate: Option<String>,
}

pub fn to_choices(items: &BTreeMap<String, ItemChoiceIn>, comment: Option<String>) -> Result<Choices, Error> {
    let mut errors = Vec::new();
    let mut out = BTreeMap::new();
    for (id, c) in items {
        let choice = match Choice::parse(&c.choice) {
            Some(ch) => ch,
            None => {
                errors.push(FieldError {
                    field: format!("choices.{id}.choice"),
                    message: "must be support, oppose or abstain".into(),
                });
                continue;
            }
        };
        let copay = match c.copay.as_deref() {
            None => None,
            Some(s) => match serde_json::from_value::<CoPay>(serde_json::Value::String(s.to_string())) {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push(FieldError {
                        field: format!("choices.{id}.copay"),
                        message: "must be no, yes, up_to1000, up_to5000, up_to20000 or above20000".into(),
                    });
                    continue;
                }
            },
        };
        out.insert(id.clone(), ItemChoice { choice, priority: c.priority, copay, candidate: c.candidate.clone() });
    }
    if !errors.is_empty() {
        return Err(Error::validation(errors));
    }
    Ok(Choices { items: out, comment: comment.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) })
}

pub fn validation(errs: Vec<diandan_domain::ballot::ChoiceError>) -> Error {
    Error::validation(errs.into_iter().map(|e| FieldError { field: e.field, message: e.message }).collect())
}
