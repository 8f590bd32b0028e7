//! Integration tests, in one binary so the SDK is linked once.

mod cli;
mod common;
mod documents;
mod rules;
