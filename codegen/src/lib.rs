//! errcat-codegen: load, validate and emit error catalogs.
pub mod diagnostic;
pub mod load;
pub mod text;
