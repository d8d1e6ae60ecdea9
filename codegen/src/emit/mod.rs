//! Stage 3: one module per artifact. Each takes the validated [`crate::model::Catalog`]
//! (or one API of it) and returns file contents; none touches the file system.

pub mod docs;
pub mod json;
pub mod rust;
#[cfg(feature = "schema")]
pub mod schema;
pub mod words;
