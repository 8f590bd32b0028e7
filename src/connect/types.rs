//! Our own view types, independent of the SDK's.

use std::collections::BTreeMap;

use serde::Serialize;

/// A view (or one version of it) as the service returned it.
/// Who keeps a view: the customer (it can be written) or AWS (read-only, the same on
/// every instance). Another value the service may add is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ViewKind {
    #[default]
    CustomerManaged,
    AwsManaged,
    Other(String),
}

impl ViewKind {
    /// The kind the service named (`CUSTOMER_MANAGED`, `AWS_MANAGED`); none is the
    /// customer's, as the service's own default.
    pub fn of(name: Option<&str>) -> ViewKind {
        match name {
            None | Some("CUSTOMER_MANAGED") => ViewKind::CustomerManaged,
            Some("AWS_MANAGED") => ViewKind::AwsManaged,
            Some(other) => ViewKind::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            ViewKind::CustomerManaged => "CUSTOMER_MANAGED",
            ViewKind::AwsManaged => "AWS_MANAGED",
            ViewKind::Other(s) => s,
        }
    }

    pub fn is_aws_managed(&self) -> bool {
        *self == ViewKind::AwsManaged
    }
}

impl std::fmt::Display for ViewKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for ViewKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub status: String,
    #[serde(rename = "type")]
    pub view_type: ViewKind,
    pub description: Option<String>,
    /// The numbered version described, or 0 for `$SAVED` / `$LATEST`.
    pub version: i32,
    pub version_description: Option<String>,
    pub template: String,
    pub actions: Vec<String>,
    pub input_schema: String,
    pub tags: BTreeMap<String, String>,
    pub created: Option<f64>,
    pub modified: Option<f64>,
    pub content_sha256: Option<String>,
    /// The request id of the call that returned this, for support.
    pub request_id: Option<String>,
}

impl View {
    pub(crate) fn from_sdk(v: &aws_sdk_connect::types::View) -> View {
        let content = v.content();
        View {
            id: v.id().unwrap_or_default().to_string(),
            arn: v.arn().unwrap_or_default().to_string(),
            name: v.name().unwrap_or_default().to_string(),
            status: v
                .status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            view_type: ViewKind::of(v.r#type().map(|t| t.as_str())),
            description: v.description().map(str::to_string),
            version: v.version(),
            version_description: v.version_description().map(str::to_string),
            template: content
                .and_then(|c| c.template())
                .unwrap_or_default()
                .to_string(),
            actions: content.map(|c| c.actions().to_vec()).unwrap_or_default(),
            input_schema: content
                .and_then(|c| c.input_schema())
                .unwrap_or_default()
                .to_string(),
            tags: v
                .tags()
                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default(),
            created: v.created_time().map(|t| t.as_secs_f64()),
            modified: v.last_modified_time().map(|t| t.as_secs_f64()),
            content_sha256: v.view_content_sha256().map(str::to_string),
            request_id: None,
        }
    }

    /// The view as a document to edit or save: metadata, actions, and the template
    /// pretty-printed (as returned when it is not JSON).
    pub fn document(&self) -> crate::view::ViewDocument {
        let template = crate::view::Template::parse(&self.template)
            .map(|t| t.to_pretty())
            .unwrap_or_else(|_| self.template.clone());
        let mut doc = crate::view::ViewDocument::new(&self.name, template);
        doc.description = self.description.clone();
        doc.tags = self
            .tags
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        doc.actions = self.actions.clone();
        doc
    }

    /// The status as a type (`None` for one this client does not know).
    pub fn status(&self) -> Option<Status> {
        Status::parse(&self.status)
    }

    pub fn is_published(&self) -> bool {
        self.status() == Some(Status::Published)
    }

    /// The qualifiers a write with this status moved.
    pub fn qualifiers_moved(&self) -> Vec<String> {
        self.status()
            .unwrap_or(Status::Saved)
            .moves()
            .iter()
            .map(|q| q.to_string())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewSummary {
    pub id: String,
    pub arn: String,
    pub name: String,
    #[serde(rename = "type")]
    pub view_type: ViewKind,
    pub status: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionSummary {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub version: i32,
    pub version_description: Option<String>,
    pub description: Option<String>,
}

pub use crate::view::status::Status;

impl Status {
    pub(crate) fn to_sdk(self) -> aws_sdk_connect::types::ViewStatus {
        match self {
            Status::Saved => aws_sdk_connect::types::ViewStatus::Saved,
            Status::Published => aws_sdk_connect::types::ViewStatus::Published,
        }
    }
}

/// Which views to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewTypeFilter {
    Customer,
    Aws,
}
