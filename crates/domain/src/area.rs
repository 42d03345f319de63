//! Registered exclusive area (专有部分面积) in integer hundredths of a square metre.
//!
//! The tally compares areas exactly (`3 * part >= 2 * total`), so an area is never a float.

use std::fmt;

/// An area in 0.01 m² units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Area(pub i64);

/// Largest area a single dwelling may register: 10,000.00 m² (a sanity bound against typos).
pub const MAX_DWELLING_AREA: Area = Area(1_000_000);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AreaError {
    #[error("area is empty")]
    Empty,
    #[error("area must be a positive number with at most two decimals, like 56.30")]
    Malformed,
    #[error("area must be greater than 0")]
    NotPositive,
    #[error("area exceeds 10000.00 m²")]
    TooLarge,
}

impl Area {
    /// Parses "56.3", "56.30", "56" or "56.30㎡" / "56.30m²" into hundredths.
    pub fn parse(text: &str) -> Result<Area, AreaError> {
        let t = text.trim().trim_end_matches('㎡').trim_end_matches("m²").trim_end_matches("m2").trim();
        if t.is_empty() {
            return Err(AreaError::Empty);
        }
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, f),
            None => (t, ""),
        };
        if whole.is_empty()
            || whole.len() > 9
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(AreaError::Malformed);
        }
        let whole: i64 = whole.parse().map_err(|_| AreaError::Malformed)?;
        let frac: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| AreaError::Malformed)? * 10,
            _ => frac.parse().map_err(|_| AreaError::Malformed)?,
        };
        let area = Area(whole * 100 + frac);
        if area.0 <= 0 {
            return Err(AreaError::NotPositive);
        }
        if area > MAX_DWELLING_AREA {
            return Err(AreaError::TooLarge);
        }
        Ok(area)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

impl fmt::Display for Area {
    /// Always two decimals: "56.30".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_decimal_forms_exactly() {
        assert_eq!(Area::parse("56.30"), Ok(Area(5630)));
        assert_eq!(Area::parse("56.3"), Ok(Area(5630)));
        assert_eq!(Area::parse(" 56 "), Ok(Area(5600)));
        assert_eq!(Area::parse("0.01"), Ok(Area(1)));
        assert_eq!(Area::parse("88.05㎡"), Ok(Area(8805)));
        assert_eq!(Area::parse("10000.00"), Ok(Area(1_000_000)));
    }

    #[test]
    fn rejects_what_is_not_an_area() {
        assert_eq!(Area::parse(""), Err(AreaError::Empty));
        assert_eq!(Area::parse("56.305"), Err(AreaError::Malformed));
        assert_eq!(Area::parse("-3.00"), Err(AreaError::Malformed));
        assert_eq!(Area::parse("1e3"), Err(AreaError::Malformed));
        assert_eq!(Area::parse(".5"), Err(AreaError::Malformed));
        assert_eq!(Area::parse("0.00"), Err(AreaError::NotPositive));
        assert_eq!(Area::parse("10000.01"), Err(AreaError::TooLarge));
    }

    #[test]
    fn displays_two_decimals() {
        assert_eq!(Area(5630).to_string(), "56.30");
        assert_eq!(Area(5).to_string(), "0.05");
        assert_eq!(Area(30000).to_string(), "300.00");
    }
}
