//! One table per closed list of contract words.
//!
//! `vocabulary!` declares an enum from rows of `Variant = "jsonName" => "Label"`, and from that one
//! table generates the serde names, `as_str`, the person-facing `label` and `ALL` in the
//! contract's order, so no list of the words is written twice.

/// Declares an enum of contract words; see the module documentation.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $json:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $json)] $variant, )+
        }

        impl $name {
            /// Every value, in the contract's order.
            pub const ALL: [$name; [$($json),+].len()] = [$($name::$variant),+];

            /// The name used in JSON.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $json,)+
                }
            }

            /// How the app and messages name it to a person.
            pub const fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }
        }
    };
}
