//! How an API tells its errors apart.

vocabulary! {
    /// How an API identifies an error on the wire.
    #[derive(Default)]
    pub enum IdentifiedBy {
        /// A machine-readable code field (the envelope field with role `code`).
        #[default]
        Code = "code" => "a code field",
        /// The exact message text together with the HTTP status.
        Message = "message" => "the exact message text and the HTTP status",
    }
}
