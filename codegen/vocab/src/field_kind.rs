//! The JSON type of an envelope field.

vocabulary! {
    /// JSON types an envelope field can have.
    pub enum FieldKind {
        /// A JSON string.
        String = "string" => "string",
        /// A JSON integer.
        Integer = "integer" => "integer",
        /// Any JSON number.
        Number = "number" => "number",
        /// `true` or `false`.
        Boolean = "boolean" => "boolean",
        /// A JSON object whose members the page leaves open.
        Object = "object" => "object",
        /// A JSON array of strings.
        StringArray = "string_array" => "array of strings",
        /// A JSON array whose elements the page leaves open (or describes by path).
        Array = "array" => "array",
        /// A duration as text: `30s`, `1.5s`, `250ms` or ISO 8601 `PT30S`.
        Duration = "duration" => "duration string",
    }
}

impl FieldKind {
    /// The Rust type generated envelope structs hold such a field in. The generated
    /// module imports `serde_json` from the runtime, so the path is short.
    pub const fn rust_type(self) -> &'static str {
        match self {
            FieldKind::String => "String",
            FieldKind::Integer => "i64",
            FieldKind::Number => "f64",
            FieldKind::Boolean => "bool",
            FieldKind::Object => "serde_json::Map<String, serde_json::Value>",
            FieldKind::StringArray => "Vec<String>",
            FieldKind::Array => "Vec<serde_json::Value>",
            FieldKind::Duration => "String",
        }
    }
}
