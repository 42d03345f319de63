//! Shares and fixed-point figures as text, in integers: the one rounding rule (half up) every
//! rate, participation and percentage in the API uses.

/// n / d as a percentage with one decimal ("66.7"), rounded half up; None when d is not positive.
pub fn percent(n: i64, d: i64) -> Option<String> {
    (d > 0).then(|| {
        let tenths = (2 * 1000 * n as i128 + d as i128) / (2 * d as i128);
        format!("{}.{}", tenths / 10, tenths % 10)
    })
}

/// A non-negative amount in hundredths with two decimals ("1250000.00", "30.00").
pub fn hundredths(v: i64) -> String {
    format!("{}.{:02}", v / 100, v % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_to_one_decimal() {
        assert_eq!(percent(1, 8).as_deref(), Some("12.5"));
        assert_eq!(percent(2, 3).as_deref(), Some("66.7"));
        assert_eq!(percent(1, 3).as_deref(), Some("33.3"));
        assert_eq!(percent(20435, 27435).as_deref(), Some("74.5"));
        assert_eq!(percent(0, 0), None);
        assert_eq!(hundredths(125000000), "1250000.00");
        assert_eq!(hundredths(3000), "30.00");
    }
}
