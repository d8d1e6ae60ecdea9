//! What every word of the vocabulary offers, and the macro that defines one.

/// A fieldless enum of the vocabulary: its values, their catalog names and their Rust
/// names. The generator writes any value into generated code as
/// `::errcat::<TYPE_NAME>::<variant_name>` through this trait, instead of a `match` per
/// enum.
pub trait Term: Copy + Eq + Ord + core::hash::Hash + core::fmt::Debug + 'static {
    /// The Rust type's name, e.g. `Category`.
    const TYPE_NAME: &'static str;
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The snake_case name catalogs use, e.g. `rate_limited`.
    fn name(self) -> &'static str;
    /// The Rust variant's name, e.g. `RateLimited`.
    fn variant_name(self) -> &'static str;
    /// The value in the words a reader of an error page expects, e.g. `seconds to wait`
    /// for [`FieldRole::RetryAfter`](crate::FieldRole::RetryAfter): what every emitter
    /// that writes prose prints for it.
    fn phrase(self) -> &'static str;
    /// The value a catalog name stands for.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.name() == name)
    }
}

/// Defines a vocabulary enum: the type with its derives, `ALL`, `as_str`, `Display` and
/// [`Term`]. Each variant is written with its catalog name and its phrase
/// (`RateLimited = "rate_limited" => "too many requests"`); the name must be the
/// variant's snake_case form, which a test checks against serde's
/// `rename_all = "snake_case"`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal => $phrase:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(
            feature = "serde",
            derive(serde::Serialize, serde::Deserialize),
            serde(rename_all = "snake_case")
        )]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The snake_case name catalogs use.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl $crate::Term for $name {
            const TYPE_NAME: &'static str = stringify!($name);
            const ALL: &'static [$name] = $name::ALL;

            fn name(self) -> &'static str {
                self.as_str()
            }

            fn variant_name(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }

            fn phrase(self) -> &'static str {
                match self {
                    $($name::$variant => $phrase,)+
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
