//! Catalog enums and numbers in the words a reader expects on an error page.

use errcat_vocab::Term;

use crate::model::document::{FieldDoc, FieldRole};
use crate::model::Api;

pub use crate::text::serde_name as name;

/// The envelope family as the shape of a body.
pub fn family(api: &Api) -> String {
    format!(
        "{}, with the fields below",
        crate::emit::words::shape_words(api)
    )
}

/// A field's JSON type, `or null` included.
pub fn field_type(field: &FieldDoc) -> String {
    let ty = field.ty.phrase();
    if field.nullable {
        format!("{ty} or null")
    } else {
        ty.to_owned()
    }
}

/// What errcat reads from a field.
pub fn field_role(role: Option<FieldRole>) -> &'static str {
    role.map_or("—", Term::phrase)
}

/// A size in bytes, with the binary unit when it is a whole one.
pub fn bytes(n: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB ({n} bytes)", n / MIB)
    } else if n >= KIB && n % KIB == 0 {
        format!("{} KiB ({n} bytes)", n / KIB)
    } else {
        format!("{n} bytes")
    }
}

pub use crate::text::count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_names() {
        assert_eq!(bytes(1_048_576), "1 MiB (1048576 bytes)");
        assert_eq!(bytes(65_536), "64 KiB (65536 bytes)");
        assert_eq!(bytes(1000), "1000 bytes");
        assert_eq!(
            name(&errcat_vocab::CloseAction::ReconnectWithNewToken),
            "reconnect_with_new_token"
        );
        assert_eq!(count(1, "code", "codes"), "1 code");
    }
}
