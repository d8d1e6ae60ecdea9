//! errcat in the Rust HTTP stack, each behind its own cargo feature: a client reads
//! responses and retries by the catalog (`reqwest`, `reqwest-middleware`, `tower`), a
//! server sends the documented error (`axum`).

#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "reqwest-middleware")]
pub mod middleware;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "tower")]
pub mod tower;
