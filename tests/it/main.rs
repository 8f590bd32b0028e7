//! Integration tests, in one binary so the SDK is linked once.

mod auth;
mod basics;
mod build;
mod cli;
mod commands;
mod common;
mod complete;
mod corpus;
mod data;
mod designer;
mod diff;
mod documents;
mod durability;
mod edit;
mod endpoint;
mod faults;
mod fidelity;
mod fix;
mod fuzz_regressions;
mod inspector;
mod layers;
mod outline;
mod palette;
mod preview;
mod rename;
mod rules;
