//! The JSON Schema of the catalog format, derived from the serde types in
//! [`crate::model::document`], so editors validate and complete catalog files.

use crate::model::document::Document;
use crate::write::Header;

/// `catalog.schema.json`.
pub fn schema(header: &Header) -> String {
    let mut schema = serde_json::to_value(schemars::schema_for!(Document))
        .expect("a JSON Schema always serializes");
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$comment".to_owned(),
            serde_json::Value::String(header.text("codegen/src/model/document.rs")),
        );
        object.insert(
            "title".to_owned(),
            serde_json::Value::String("errcat catalog".to_owned()),
        );
    }
    let mut text = serde_json::to_string_pretty(&schema).expect("a JSON value always serializes");
    text.push('\n');
    text
}
