//! Unit enums of the report whose JSON name is their kebab-case variant
//! name: declared through [`wire_enum!`], which also gives each its list
//! of every variant (`ALL`), so the JSON reader, the UI's words and
//! `seal-verify` take that list from the type instead of keeping copies.

/// `wire_enum! { /// doc  pub enum Name { /// doc  Variant, … } }`
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The JSON name (`bad-signature`).
            pub fn code(self) -> String {
                $crate::verdict_pdf::wire_name(&self)
            }

            /// The variant whose JSON name is `code`.
            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
