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
    }
}
