//! Before stage 1: catalogs scaffolded from formats API teams already have. An import
//! writes catalog YAML whose every guess is marked `inferred`; it goes through the same
//! load and validate stages as a hand-written file.

pub mod openapi;
