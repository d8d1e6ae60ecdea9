//! The shapes of error envelope errcat knows.

use crate::{FieldPath, IdentifiedBy};

vocabulary! {
    /// The envelope family: the shape of the body an API sends with every error. It
    /// follows from the fields ([`EnvelopeFamily::of_fields`]); a catalog may state it,
    /// and the validator checks that the two agree.
    pub enum EnvelopeFamily {
        /// `{"error": {"code": ..., "message": ...}}`.
        NestedObject = "nested_object" => "a nested object, `{\"error\": {\"code\": ..., \"message\": ...}}`",
        /// `{"error": "message"}`.
        BareString = "bare_string" => "a bare string, `{\"error\": \"message\"}`",
        /// `{"success": false, "error": "message"}`.
        SuccessFlag = "success_flag" => "a success flag and a message, `{\"success\": false, \"error\": \"message\"}`",
        /// The code at the body's root: `{"error": "invalid_request", "error_description": ...}`.
        FlatObject = "flat_object" => "a flat object with the code at its root, `{\"code\": ..., \"message\": ...}`",
        /// Errors in an array: `{"errors": [{"code": ...}, ...]}` or `[{"errorCode": ...}]`.
        ErrorList = "error_list" => "a list of errors, `{\"errors\": [{\"code\": ..., \"message\": ...}]}`",
    }
}

impl EnvelopeFamily {
    /// The family the fields describe: `identifier` is the path of the field errors are
    /// told apart by (the code, or the message for message-identified APIs), and
    /// `success_flag` whether a field carries the `success: false` flag.
    pub fn of_fields(
        identifier: FieldPath<'_>,
        identified_by: IdentifiedBy,
        success_flag: bool,
    ) -> EnvelopeFamily {
        if identifier.split_at_each().is_some() {
            EnvelopeFamily::ErrorList
        } else if success_flag {
            EnvelopeFamily::SuccessFlag
        } else if identifier.depth() > 1 {
            EnvelopeFamily::NestedObject
        } else {
            match identified_by {
                IdentifiedBy::Message => EnvelopeFamily::BareString,
                IdentifiedBy::Code => EnvelopeFamily::FlatObject,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EnvelopeFamily;
    use crate::{FieldPath, IdentifiedBy};

    #[test]
    fn the_family_follows_the_identifying_field() {
        let of =
            |path, by, flag| EnvelopeFamily::of_fields(FieldPath::parse(path).unwrap(), by, flag);
        assert_eq!(
            of("error.code", IdentifiedBy::Code, false),
            EnvelopeFamily::NestedObject
        );
        assert_eq!(
            of("error", IdentifiedBy::Code, false),
            EnvelopeFamily::FlatObject
        );
        assert_eq!(
            of("error", IdentifiedBy::Message, false),
            EnvelopeFamily::BareString
        );
        assert_eq!(
            of("error", IdentifiedBy::Message, true),
            EnvelopeFamily::SuccessFlag
        );
        assert_eq!(
            of("errors[].code", IdentifiedBy::Code, false),
            EnvelopeFamily::ErrorList
        );
        assert_eq!(
            of("[].errorCode", IdentifiedBy::Code, false),
            EnvelopeFamily::ErrorList
        );
    }
}
