//! Enums that travel as snake_case strings (JSON, database TEXT columns), with `as_str`,
//! `parse` and the list of all values declared once. A stored value converts with
//! `TryFrom<String>` (the store decodes TEXT columns with it), and an unknown one is an
//! error, never a default.

/// A stored or sent text that is none of an enumeration's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{value}` is not a {kind}")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

#[macro_export]
macro_rules! wire_enum {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($(#[$vm])* #[serde(rename = $wire)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
            /// The wire names, for error messages.
            pub fn names() -> String {
                [$($wire),+].join(", ")
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::wire::UnknownValue;
            fn try_from(s: String) -> Result<$name, Self::Error> {
                $name::parse(&s).ok_or($crate::wire::UnknownValue { kind: stringify!($name), value: s })
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_owned()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::consultation::State;

    #[test]
    fn stored_text_decodes_to_the_enum_and_an_unknown_value_is_an_error() {
        assert_eq!(State::try_from("open".to_string()), Ok(State::Open));
        let e = State::try_from("opened".to_string()).unwrap_err();
        assert_eq!(e.to_string(), "`opened` is not a State");
        assert_eq!(String::from(State::Preliminary), "preliminary");
    }
}
