//! The one client of Amazon Connect's views API, used by the designer and the
//! headless commands alike. Every call goes through aws-sdk-connect over HTTP.

use std::collections::HashMap;

use aws_sdk_connect::types::{ViewInputContent, ViewType};

use super::config::{ConnectOptions, Target, resolve};
use super::error::{ConnectError, ErrorKind};
use super::types::{Status, VersionSummary, View, ViewSummary, ViewTypeFilter};
use crate::local::LocalServer;

pub struct ConnectClient {
    sdk: aws_sdk_connect::Client,
    instance: String,
    target: Target,
    endpoint: String,
    /// The embedded endpoint, kept alive as long as the client.
    _server: Option<LocalServer>,
}

type Result<T> = std::result::Result<T, ConnectError>;

/// A view named on the command line: `VIEW[:QUALIFIER]` where VIEW is an id, an ARN or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSpec {
    pub view: String,
    pub qualifier: Option<String>,
}

impl ViewSpec {
    pub fn parse(s: &str) -> ViewSpec {
        if let Some((view, q)) = s.rsplit_once(':')
            && (q == "$SAVED"
                || q == "$LATEST"
                || (!q.is_empty() && q.bytes().all(|b| b.is_ascii_digit())))
            && !view.is_empty()
            && !view.ends_with(":instance")
        {
            return ViewSpec {
                view: view.to_string(),
                qualifier: Some(q.to_string()),
            };
        }
        ViewSpec {
            view: s.to_string(),
            qualifier: None,
        }
    }
}

fn looks_like_id(s: &str) -> bool {
    s.starts_with("arn:")
        || (s.len() == 36
            && s.bytes().enumerate().all(|(i, b)| {
                if [8, 13, 18, 23].contains(&i) {
                    b == b'-'
                } else {
                    b.is_ascii_hexdigit()
                }
            }))
}

impl ConnectClient {
    /// Connects as the options say; with none, starts the embedded local endpoint.
    pub async fn connect(opts: &ConnectOptions) -> Result<ConnectClient> {
        let r = resolve(opts).await?;
        Ok(ConnectClient {
            sdk: r.sdk,
            instance: r.instance,
            target: r.target,
            endpoint: r.endpoint,
            _server: r.server,
        })
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn err<E>(
        &self,
        op: &'static str,
        view: Option<&str>,
        e: aws_sdk_connect::error::SdkError<E>,
    ) -> ConnectError
    where
        E: aws_sdk_connect::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        ConnectError::from_sdk(op, &self.instance, view, &self.endpoint, e)
    }

    fn content(template: &str, actions: &[String]) -> ViewInputContent {
        ViewInputContent::builder()
            .template(template)
            .set_actions(Some(actions.to_vec()))
            .build()
    }

    /// CreateView. `client_token` is generated once per submission and reused by its retries.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_view(
        &self,
        name: &str,
        description: Option<&str>,
        tags: &HashMap<String, String>,
        status: Status,
        template: &str,
        actions: &[String],
        client_token: &str,
    ) -> Result<View> {
        let out = self
            .sdk
            .create_view()
            .instance_id(&self.instance)
            .name(name)
            .set_description(description.map(str::to_string))
            .set_tags((!tags.is_empty()).then(|| tags.clone()))
            .status(status.to_sdk())
            .content(Self::content(template, actions))
            .client_token(client_token)
            .send()
            .await
            .map_err(|e| self.err("CreateView", Some(name), e))?;
        Ok(out
            .view()
            .map(View::from_sdk)
            .unwrap_or_else(|| empty(name)))
    }

    /// DescribeView of `id` (an id or ARN, optionally qualified).
    pub async fn describe_view(&self, id: &str) -> Result<View> {
        let out = self
            .sdk
            .describe_view()
            .instance_id(&self.instance)
            .view_id(id)
            .send()
            .await
            .map_err(|e| self.err("DescribeView", Some(id), e))?;
        Ok(out.view().map(View::from_sdk).unwrap_or_else(|| empty(id)))
    }

    /// Every view, following NextToken to the end.
    pub async fn list_views(&self, filter: Option<ViewTypeFilter>) -> Result<Vec<ViewSummary>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .sdk
                .list_views()
                .instance_id(&self.instance)
                .set_type(filter.map(|f| match f {
                    ViewTypeFilter::Customer => ViewType::CustomerManaged,
                    ViewTypeFilter::Aws => ViewType::AwsManaged,
                }))
                .max_results(100)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| self.err("ListViews", None, e))?;
            out.extend(page.views_summary_list().iter().map(|v| {
                ViewSummary {
                    id: v.id().unwrap_or_default().to_string(),
                    arn: v.arn().unwrap_or_default().to_string(),
                    name: v.name().unwrap_or_default().to_string(),
                    view_type: v
                        .r#type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                    status: v
                        .status()
                        .map(|s| s.as_str().to_string())
                        .unwrap_or_default(),
                    description: v.description().map(str::to_string),
                }
            }));
            match page.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_string()),
                _ => return Ok(out),
            }
        }
    }

    /// Every numbered version, highest first.
    pub async fn list_view_versions(&self, id: &str) -> Result<Vec<VersionSummary>> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .sdk
                .list_view_versions()
                .instance_id(&self.instance)
                .view_id(id)
                .max_results(100)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| self.err("ListViewVersions", Some(id), e))?;
            out.extend(
                page.view_version_summary_list()
                    .iter()
                    .map(|v| VersionSummary {
                        id: v.id().unwrap_or_default().to_string(),
                        arn: v.arn().unwrap_or_default().to_string(),
                        name: v.name().unwrap_or_default().to_string(),
                        version: v.version(),
                        version_description: v.version_description().map(str::to_string),
                        description: v.description().map(str::to_string),
                    }),
            );
            match page.next_token() {
                Some(t) if !t.is_empty() => token = Some(t.to_string()),
                _ => return Ok(out),
            }
        }
    }

    pub async fn update_view_content(
        &self,
        id: &str,
        status: Status,
        template: &str,
        actions: &[String],
    ) -> Result<View> {
        let out = self
            .sdk
            .update_view_content()
            .instance_id(&self.instance)
            .view_id(id)
            .status(status.to_sdk())
            .content(Self::content(template, actions))
            .send()
            .await
            .map_err(|e| self.err("UpdateViewContent", Some(id), e))?;
        Ok(out.view().map(View::from_sdk).unwrap_or_else(|| empty(id)))
    }

    pub async fn update_view_metadata(
        &self,
        id: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Result<()> {
        self.sdk
            .update_view_metadata()
            .instance_id(&self.instance)
            .view_id(id)
            .set_name(name.map(str::to_string))
            .set_description(description.map(str::to_string))
            .send()
            .await
            .map_err(|e| self.err("UpdateViewMetadata", Some(id), e))?;
        Ok(())
    }

    /// CreateViewVersion, with the checksum precondition when given.
    pub async fn create_view_version(
        &self,
        id: &str,
        description: Option<&str>,
        sha256: Option<&str>,
    ) -> Result<View> {
        let out = self
            .sdk
            .create_view_version()
            .instance_id(&self.instance)
            .view_id(id)
            .set_version_description(description.map(str::to_string))
            .set_view_content_sha256(sha256.map(str::to_string))
            .send()
            .await
            .map_err(|e| self.err("CreateViewVersion", Some(id), e))?;
        Ok(out.view().map(View::from_sdk).unwrap_or_else(|| empty(id)))
    }

    pub async fn delete_view(&self, id: &str) -> Result<()> {
        self.sdk
            .delete_view()
            .instance_id(&self.instance)
            .view_id(id)
            .send()
            .await
            .map_err(|e| self.err("DeleteView", Some(id), e))?;
        Ok(())
    }

    pub async fn delete_view_version(&self, id: &str, version: i32) -> Result<()> {
        self.sdk
            .delete_view_version()
            .instance_id(&self.instance)
            .view_id(id)
            .view_version(version)
            .send()
            .await
            .map_err(|e| self.err("DeleteViewVersion", Some(id), e))?;
        Ok(())
    }

    pub async fn tag_view(&self, arn: &str, tags: &HashMap<String, String>) -> Result<()> {
        self.sdk
            .tag_resource()
            .resource_arn(arn)
            .set_tags(Some(tags.clone()))
            .send()
            .await
            .map_err(|e| self.err("TagResource", Some(arn), e))?;
        Ok(())
    }

    pub async fn untag_view(&self, arn: &str, keys: &[String]) -> Result<()> {
        self.sdk
            .untag_resource()
            .resource_arn(arn)
            .set_tag_keys(Some(keys.to_vec()))
            .send()
            .await
            .map_err(|e| self.err("UntagResource", Some(arn), e))?;
        Ok(())
    }

    pub async fn list_tags(&self, arn: &str) -> Result<HashMap<String, String>> {
        let out = self
            .sdk
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .map_err(|e| self.err("ListTagsForResource", Some(arn), e))?;
        Ok(out.tags().cloned().unwrap_or_default())
    }

    /// The customer-managed view with this exact name, if any.
    pub async fn find_by_name(&self, name: &str) -> Result<Option<ViewSummary>> {
        Ok(self
            .list_views(Some(ViewTypeFilter::Customer))
            .await?
            .into_iter()
            .find(|v| v.name == name))
    }

    /// Resolves a `VIEW` (id, ARN or name) to what the API takes as ViewId, keeping the qualifier.
    pub async fn resolve(&self, spec: &ViewSpec) -> Result<String> {
        let id = if looks_like_id(&spec.view) {
            spec.view.clone()
        } else {
            match self.find_by_name(&spec.view).await? {
                Some(v) => v.id,
                None => {
                    return Err(ConnectError {
                        operation: "ListViews",
                        instance: self.instance.clone(),
                        view: Some(spec.view.clone()),
                        kind: ErrorKind::ViewNotFound,
                        code: None,
                        message: format!("no view named \"{}\"", spec.view),
                        request_id: None,
                        advice:
                            "check the name with `connect-views list`, or give the view id or ARN"
                                .into(),
                    });
                }
            }
        };
        Ok(match &spec.qualifier {
            Some(q) => format!("{id}:{q}"),
            None => id,
        })
    }
}

fn empty(name: &str) -> View {
    View {
        id: String::new(),
        arn: String::new(),
        name: name.to_string(),
        status: String::new(),
        view_type: String::new(),
        description: None,
        version: 0,
        version_description: None,
        template: String::new(),
        actions: Vec::new(),
        input_schema: String::new(),
        tags: Default::default(),
        created: None,
        modified: None,
        content_sha256: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_specs_split_qualifiers() {
        assert_eq!(
            ViewSpec::parse("orders:$SAVED").qualifier.as_deref(),
            Some("$SAVED")
        );
        assert_eq!(ViewSpec::parse("orders:3").view, "orders");
        assert_eq!(ViewSpec::parse("a:b").qualifier, None);
        let arn = "arn:aws:connect:us-east-1:1:instance/i/view/v:$LATEST";
        assert_eq!(
            ViewSpec::parse(arn).view,
            "arn:aws:connect:us-east-1:1:instance/i/view/v"
        );
        assert!(looks_like_id("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!looks_like_id("Order actions"));
    }
}
