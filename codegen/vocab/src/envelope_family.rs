//! The shapes of error envelope errcat knows.

vocabulary! {
    /// The envelope family: the shape of the JSON body an API sends with every error.
    pub enum EnvelopeFamily {
        /// `{"error": {"code": ..., "message": ...}}`.
        NestedObject = "nested_object" => "a nested object, `{\"error\": {\"code\": ..., \"message\": ...}}`",
        /// `{"error": "message"}`.
        BareString = "bare_string" => "a bare string, `{\"error\": \"message\"}`",
        /// `{"success": false, "error": "message"}`.
        SuccessFlag = "success_flag" => "a success flag and a message, `{\"success\": false, \"error\": \"message\"}`",
    }
}
