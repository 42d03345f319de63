//! Integer fields that also take a whole number written with a fraction (`4.0`). JSON Schema,
//! and so every client generated from `openapi.yaml`, counts `4.0` as an integer; serde alone
//! would refuse it as a float. A fraction that is not zero is still refused.

use serde::de::{Deserializer, Error};
use serde::Deserialize;

fn whole<T: TryFrom<i64>, E: Error>(n: serde_json::Number) -> Result<T, E> {
    let v = match (n.as_i64(), n.as_f64()) {
        (Some(i), _) => i,
        // Beyond 2^53 a float no longer holds every integer exactly.
        (None, Some(f)) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => f as i64,
        _ => return Err(E::custom(format!("invalid type: {n}, expected a whole number"))),
    };
    T::try_from(v).map_err(|_| E::custom(format!("{v} is out of range")))
}

pub fn int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<T, D::Error> {
    whole(serde_json::Number::deserialize(d)?)
}

pub fn opt_int<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<serde_json::Number>::deserialize(d)?.map(whole).transpose()
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct S {
        #[serde(deserialize_with = "super::int")]
        a: i64,
        #[serde(default, deserialize_with = "super::opt_int")]
        b: Option<i32>,
    }

    #[test]
    fn whole_floats_are_integers_and_fractions_are_not() {
        let s: S = serde_json::from_str(r#"{"a": 4.0, "b": 11.0}"#).unwrap();
        assert_eq!(s, S { a: 4, b: Some(11) });
        assert_eq!(serde_json::from_str::<S>(r#"{"a": 3}"#).unwrap(), S { a: 3, b: None });
        assert_eq!(serde_json::from_str::<S>(r#"{"a": 3, "b": null}"#).unwrap(), S { a: 3, b: None });
        assert!(serde_json::from_str::<S>(r#"{"a": 4.5}"#).is_err());
        assert!(serde_json::from_str::<S>(r#"{"a": 1, "b": 3000000000}"#).is_err());
        assert!(serde_json::from_str::<S>(r#"{"a": "4"}"#).is_err());
    }
}
