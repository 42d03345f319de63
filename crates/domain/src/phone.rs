//! Mainland mobile numbers: validation and the masking rule of DESIGN.md (138****1234).

/// Normalises "+86 138-0000-1234" or "13800001234" to "13800001234"; None when it is not a
/// mainland mobile number (11 digits starting with 1).
pub fn normalize(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
    let digits = match digits.len() {
        13 if digits.starts_with("86") => digits[2..].to_string(),
        _ => digits,
    };
    let trimmed = text.trim();
    let allowed = trimmed.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' '));
    if allowed && digits.len() == 11 && digits.starts_with('1') {
        Some(digits)
    } else {
        None
    }
}

/// "13800001234" → "138****1234". Anything not 11 characters is fully masked.
pub fn mask(phone: &str) -> String {
    if phone.len() == 11 && phone.is_ascii() {
        format!("{}****{}", &phone[..3], &phone[7..])
    } else {
        "*".repeat(phone.chars().count().max(4))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_common_forms() {
        assert_eq!(normalize("13800001234").as_deref(), Some("13800001234"));
        assert_eq!(normalize("+86 138-0000-1234").as_deref(), Some("13800001234"));
        assert_eq!(normalize("8613800001234").as_deref(), Some("13800001234"));
        assert_eq!(normalize("23800001234"), None);
        assert_eq!(normalize("1380000123"), None);
        assert_eq!(normalize("138a0001234"), None);
    }

    #[test]
    fn masks_the_middle_four() {
        assert_eq!(mask("13800001234"), "138****1234");
        assert_eq!(mask("123"), "****");
    }
}
