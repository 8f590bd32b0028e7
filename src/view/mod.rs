//! The domain: view documents, templates, the component catalogue, the validator,
//! the input schema and the content checksum. Knows nothing of terminals or HTTP.

pub mod analysis;
pub mod catalog;
pub mod checksum;
pub mod complete;
pub mod consumers;
pub mod data;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod edit;
pub mod fix;
pub mod flow;
#[doc(hidden)]
pub mod generate;
pub mod json;
pub mod json_schema;
pub mod lines;
pub mod palette;
pub mod path;
pub mod preview;
pub mod promote;
pub mod reference;
pub mod refusal;
pub mod report;
pub mod schema;
pub mod source;
pub mod starters;
pub mod status;
pub mod template;
pub mod time;
pub mod tree;
pub mod validate;

pub use analysis::{Analysis, analyze};
pub use catalog::Catalog;
pub use checksum::content_sha256;
pub use diagnostic::{Code, Diagnostic, Severity, Tally};
pub use document::{Format, LoadError, ViewDocument};
pub use schema::input_schema;
pub use template::Template;
pub use validate::{Checked, Level, check, validate, validate_with};
