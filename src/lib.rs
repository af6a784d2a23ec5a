//! Marsad (مرصد): media monitoring for Arabic and English news.
//!
//! Data flows one way: bytes → [`ingest`] (decode, clean, split into article drafts) →
//! [`nlp`] (pure functions: entities and quotations) → [`store`] (the only place with SQL) →
//! [`ui`] (reads through store queries, writes through store commands).

pub mod bench;
pub mod cli;
pub mod ingest;
pub mod model;
pub mod nlp;
pub mod pipeline;
pub mod store;
pub mod ui;
