//! Each error answer of the spec lists its codes with their meanings, from the one table
//! (`diandan_app::Code`). A handler's annotation names the codes of a status
//! (`description = "voting_not_open, voting_closed"`); here each named code is checked to exist
//! and to carry that status (a wrong or unknown code fails every test that builds the document),
//! and the description becomes the list `- `code`: meaning`. The full table is published as
//! `docs/error-codes.md` (a test keeps it fresh).

use diandan_app::Code;
use std::collections::BTreeMap;
use utoipa::openapi::{OpenApi, RefOr};

/// The snake_case words of a description that are codes; a snake_case word with an underscore
/// that is not a code is a mistake.
fn named_codes(text: &str, status: u16, at: &str) -> Result<Vec<Code>, String> {
    let mut out = Vec::new();
    let words = text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    // Environment variables (DIANDAN_MAX_VOTING_DAYS) are not codes.
    for word in words.filter(|w| w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')) {
        match Code::parse(word) {
            Some(code) if code.status() != status => {
                return Err(format!("{at}: `{word}` is answered with {}, not {status}", code.status()))
            }
            Some(code) if !out.contains(&code) => out.push(code),
            Some(_) => {}
            None if word.contains('_') => {
                return Err(format!("{at}: `{word}` is not an error code (diandan_app::Code)"))
            }
            None => {}
        }
    }
    Ok(out)
}

/// The codes of a status when the annotation names none: what the extractors and the
/// generic checks answer.
fn default_codes(status: u16) -> &'static [Code] {
    match status {
        401 => &[Code::MissingToken, Code::InvalidToken, Code::TokenExpired],
        403 => &[Code::Forbidden],
        404 => &[Code::NotFound],
        409 => &[Code::Conflict],
        413 => &[Code::BodyTooLarge],
        415 => &[Code::UnsupportedMediaType],
        422 => &[Code::ValidationFailed],
        503 => &[Code::DatabaseUnavailable, Code::Overloaded],
        _ => &[],
    }
}

fn describe(text: &str, codes: &[Code]) -> String {
    let residue: String = codes
        .iter()
        .fold(text.to_string(), |t, c| t.replace(c.as_str(), ""))
        .chars()
        .filter(|c| !matches!(c, ',' | '|' | ' '))
        .collect();
    let list: Vec<String> = codes.iter().map(|c| format!("- `{}`: {}", c, c.meaning())).collect();
    if residue.is_empty() {
        list.join("\n")
    } else {
        format!("{text}\n\n{}", list.join("\n"))
    }
}

/// Rewrites every error response's description as its list of codes.
pub fn declare(api: &mut OpenApi) {
    let mut mistakes = Vec::new();
    for (path, item) in api.paths.paths.iter_mut() {
        let operations = [
            ("GET", &mut item.get),
            ("PUT", &mut item.put),
            ("POST", &mut item.post),
            ("DELETE", &mut item.delete),
            ("PATCH", &mut item.patch),
        ];
        for (method, op) in operations {
            let Some(op) = op else { continue };
            for (status, response) in op.responses.responses.iter_mut() {
                let Ok(status) = status.parse::<u16>() else { continue };
                let RefOr::T(r) = response else { continue };
                if status < 400 {
                    continue;
                }
                let at = format!("{method} {path} {status}");
                let mut codes = match named_codes(&r.description, status, &at) {
                    Ok(codes) => codes,
                    Err(m) => {
                        mistakes.push(m);
                        continue;
                    }
                };
                if codes.is_empty() {
                    codes.extend(default_codes(status));
                }
                if codes.is_empty() {
                    mistakes.push(format!("{at}: name the codes of this answer"));
                    continue;
                }
                r.description = describe(&r.description, &codes);
            }
        }
    }
    assert!(mistakes.is_empty(), "error codes in the spec:\n{}", mistakes.join("\n"));
}

/// Codes any request can meet, answered by the framework layers rather than an operation.
pub const ANY_REQUEST: &[Code] = &[
    Code::Unauthorized,
    // A unique constraint lost to a concurrent write of the same thing.
    Code::Conflict,
    Code::MethodNotAllowed,
    Code::RequestTimeout,
    Code::BodyTimeout,
    Code::LengthRequired,
    Code::UriTooLong,
    Code::InvalidText,
    Code::TooManyRequests,
    // Any write (POST, PUT, PATCH, DELETE), per user and per address.
    Code::TooManyWrites,
    Code::InternalError,
    Code::ServiceUnavailable,
];

/// Every code with the operations that can answer it, read back from the document.
pub fn operations_by_code(api: &OpenApi) -> BTreeMap<Code, Vec<String>> {
    let mut out: BTreeMap<Code, Vec<String>> = Code::ALL.iter().map(|&c| (c, Vec::new())).collect();
    for item in api.paths.paths.values() {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch].into_iter().flatten() {
            let id = op.operation_id.clone().unwrap_or_default();
            for response in op.responses.responses.values() {
                let RefOr::T(r) = response else { continue };
                for line in r.description.lines() {
                    let Some(code) = line.strip_prefix("- `").and_then(|l| l.split('`').next()).and_then(Code::parse)
                    else {
                        continue;
                    };
                    let ops = out.get_mut(&code).expect("every code");
                    if !ops.contains(&id) {
                        ops.push(id.clone());
                    }
                }
            }
        }
    }
    out
}

/// `docs/error-codes.md`: the codes, their statuses and meanings, and where they are answered.
pub fn markdown(api: &OpenApi) -> String {
    let ops = operations_by_code(api);
    let mut out = String::from(
        "# Error codes\n\n\
Every error is `application/problem+json` with a stable `code` (the mini-program and the console\n\
translate it; `detail` is for people and may change). Generated from `diandan_app::Code` and\n\
`openapi.yaml` by `diandan error-codes`; a test fails when this file is stale.\n\n\
| code | HTTP | meaning | answered by |\n|---|---|---|---|\n",
    );
    for &code in Code::ALL {
        let by = &ops[&code];
        let by = match by.len() {
            _ if ANY_REQUEST.contains(&code) => "any request".to_string(),
            0 => "(no operation lists it)".to_string(),
            n if n > 12 => format!("{n} operations"),
            _ => by.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", "),
        };
        out.push_str(&format!("| `{}` | {} | {} | {} |\n", code, code.status(), code.meaning(), by));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_name_real_codes_of_their_status() {
        assert_eq!(
            named_codes("voting_not_open, voting_closed", 409, "t"),
            Ok(vec![Code::VotingNotOpen, Code::VotingClosed])
        );
        assert_eq!(
            describe("window_running | wrong_state", &[Code::WindowRunning, Code::WrongState]),
            "- `window_running`: the voting window has not ended yet\n- `wrong_state`: the object is not in a state that allows this step"
        );
        let noted = describe("too_many_attempts (per account), with Retry-After", &[Code::TooManyAttempts]);
        assert!(noted.starts_with("too_many_attempts (per account), with Retry-After\n\n- `too_many_attempts`: "));
        assert_eq!(
            named_codes("voting_closed", 422, "t"),
            Err("t: `voting_closed` is answered with 409, not 422".into())
        );
        assert_eq!(
            named_codes("no_such_code", 409, "t"),
            Err("t: `no_such_code` is not an error code (diandan_app::Code)".into())
        );
    }
}
