//! The one client of Amazon Connect's views API, used by the designer and the
//! headless commands alike. Every call goes through aws-sdk-connect over HTTP.

use std::collections::HashMap;

use aws_sdk_connect::operation::RequestId;
use aws_sdk_connect::types::{ViewInputContent, ViewType};

use super::config::{ConnectOptions, Target, resolve};
use super::error::{ConnectError, ErrorKind};
use super::types::{Status, VersionSummary, View, ViewKind, ViewSummary, ViewTypeFilter};
use crate::local::LocalServer;

pub struct ConnectClient {
    pub(super) sdk: aws_sdk_connect::Client,
    pub(super) instance: String,
    target: Target,
    endpoint: String,
    /// The environment (`--env`) the options came from, and whether it is protected.
    env: Option<String>,
    protected: bool,
    /// The embedded endpoint, kept alive as long as the client.
    _server: Option<LocalServer>,
}

type Result<T> = std::result::Result<T, ConnectError>;

/// A view named on the command line: `VIEW[:QUALIFIER]` where VIEW is an id, an ARN or a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewSpec {
    pub view: String,
    pub qualifier: Option<crate::view::status::Qualifier>,
}

impl ViewSpec {
    pub fn parse(s: &str) -> ViewSpec {
        if let Some((view, q)) = s.rsplit_once(':')
            && let Some(qualifier) = crate::view::status::Qualifier::parse(q)
            && !view.is_empty()
            && !view.ends_with(":instance")
        {
            return ViewSpec {
                view: view.to_string(),
                qualifier: Some(qualifier),
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
            env: opts.env.clone(),
            protected: opts.protected,
            _server: r.server,
        })
    }

    /// The environment's name, when the client was made for one.
    pub fn env(&self) -> Option<&str> {
        self.env.as_deref()
    }

    /// Whether writes need a confirmation.
    pub fn protected(&self) -> bool {
        self.protected
    }

    pub fn instance(&self) -> &str {
        &self.instance
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Where requests go, for a person: "the local endpoint (DB), instance ID",
    /// "http://127.0.0.1:8787, instance ID", "Amazon Connect in eu-west-2, instance ID".
    pub fn where_to(&self) -> String {
        match &self.env {
            Some(env) => format!(
                "env {env}{}: {}, instance {}",
                if self.protected { " (protected)" } else { "" },
                self.target,
                self.instance
            ),
            None => format!("{}, instance {}", self.target, self.instance),
        }
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub(super) fn err<E>(
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
        Ok(with_request_id(out.view(), name, out.request_id()))
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
        Ok(with_request_id(out.view(), id, out.request_id()))
    }

    /// What people see of a view: `$LATEST` once it was ever published (a later SAVED write
    /// leaves it as it was), else `$SAVED`; and which of the two it is.
    pub async fn live_view(&self, id: &str) -> Result<(View, crate::view::status::Qualifier)> {
        use crate::view::status::Qualifier;
        match self.describe_view(&format!("{id}:$LATEST")).await {
            Ok(v) => Ok((v, Qualifier::Latest)),
            Err(e) if e.kind == ErrorKind::ViewNotFound => Ok((
                self.describe_view(&format!("{id}:$SAVED")).await?,
                Qualifier::Saved,
            )),
            Err(e) => Err(e),
        }
    }

    /// Every view, following NextToken to the end.
    pub async fn list_views(&self, filter: Option<ViewTypeFilter>) -> Result<Vec<ViewSummary>> {
        every_page(|token| self.list_views_page(filter, token)).await
    }

    /// One page of ListViews (up to 100 views) and the token of the next, if there is one.
    pub async fn list_views_page(
        &self,
        filter: Option<ViewTypeFilter>,
        token: Option<String>,
    ) -> Result<(Vec<ViewSummary>, Option<String>)> {
        let page = self
            .sdk
            .list_views()
            .instance_id(&self.instance)
            .set_type(filter.map(sdk_view_type))
            .max_results(100)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| self.err("ListViews", None, e))?;
        let views = page
            .views_summary_list()
            .iter()
            .map(|v| {
                summary(
                    [v.id(), v.arn(), v.name()],
                    v.r#type(),
                    v.status(),
                    v.description(),
                )
            })
            .collect();
        Ok((views, next_token(page.next_token())))
    }

    /// SearchViews: the views whose name or description contains `text` (case ignored), of
    /// one type when `filter` says, every page, as ListViews orders them.
    pub async fn search_views(
        &self,
        text: &str,
        filter: Option<ViewTypeFilter>,
    ) -> Result<Vec<ViewSummary>> {
        every_page(|token| self.search_views_page(text, filter, token)).await
    }

    /// One page of [`ConnectClient::search_views`] and the token of the next, if any.
    pub async fn search_views_page(
        &self,
        text: &str,
        filter: Option<ViewTypeFilter>,
        token: Option<String>,
    ) -> Result<(Vec<ViewSummary>, Option<String>)> {
        use aws_sdk_connect::types::{StringComparisonType, StringCondition, ViewSearchCriteria};
        let contains = |field: &str| {
            ViewSearchCriteria::builder()
                .string_condition(
                    StringCondition::builder()
                        .field_name(field)
                        .value(text)
                        .comparison_type(StringComparisonType::Contains)
                        .build(),
                )
                .build()
        };
        let text_matches = ViewSearchCriteria::builder()
            .or_conditions(contains("name"))
            .or_conditions(contains("description"))
            .build();
        let criteria = match filter {
            None => text_matches,
            Some(f) => ViewSearchCriteria::builder()
                .and_conditions(text_matches)
                .and_conditions(
                    ViewSearchCriteria::builder()
                        .view_type_condition(sdk_view_type(f))
                        .build(),
                )
                .build(),
        };
        let page = self
            .sdk
            .search_views()
            .instance_id(&self.instance)
            .search_criteria(criteria)
            .max_results(100)
            .set_next_token(token)
            .send()
            .await
            .map_err(|e| self.err("SearchViews", None, e))?;
        let views = page
            .views()
            .iter()
            .map(|v| {
                summary(
                    [v.id(), v.arn(), v.name()],
                    v.r#type(),
                    v.status(),
                    v.description(),
                )
            })
            .collect();
        Ok((views, next_token(page.next_token())))
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
        Ok(with_request_id(out.view(), id, out.request_id()))
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
        Ok(with_request_id(out.view(), id, out.request_id()))
    }

    /// A new version, saying whether one was made: the service returns the highest version
    /// instead when nothing changed since it, so the highest number is read first.
    pub async fn new_version(
        &self,
        id: &str,
        description: Option<&str>,
        sha256: Option<&str>,
    ) -> Result<Versioned> {
        let before = self
            .sdk
            .list_view_versions()
            .instance_id(&self.instance)
            .view_id(id)
            .max_results(1)
            .send()
            .await
            .map_err(|e| self.err("ListViewVersions", Some(id), e))?
            .view_version_summary_list()
            .first()
            .map(|v| v.version());
        let view = self.create_view_version(id, description, sha256).await?;
        Ok(Versioned {
            created: before != Some(view.version),
            view,
        })
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

    /// Creates the view, or updates the content of the view of that name (`existing`, when
    /// the caller already looked it up), keeping description and tags in step. Returns the
    /// operation that wrote the content and the view as the service returned it.
    pub async fn submit(
        &self,
        doc: &Submission,
        existing: Option<Option<ViewSummary>>,
    ) -> Result<(&'static str, View)> {
        let existing = match existing {
            Some(e) => e,
            None => self.find_by_name(&doc.name).await?,
        };
        match existing {
            None => {
                let v = self
                    .create_view(
                        &doc.name,
                        doc.description.as_deref(),
                        &doc.tags,
                        doc.status,
                        &doc.template,
                        &doc.actions,
                        &doc.client_token,
                    )
                    .await?;
                Ok(("CreateView", v))
            }
            Some(existing) => {
                let mut v = self
                    .update_view_content(&existing.id, doc.status, &doc.template, &doc.actions)
                    .await?;
                if doc.description.is_some() && doc.description != existing.description {
                    self.update_view_metadata(&existing.id, None, doc.description.as_deref())
                        .await?;
                    v.description = doc.description.clone();
                }
                if !doc.tags.is_empty() {
                    self.tag_view(&v.arn, &doc.tags).await?;
                }
                Ok(("UpdateViewContent", v))
            }
        }
    }

    /// The AWS-managed view with this name or id, as `list` prints them, if any.
    pub async fn find_managed(&self, name: &str) -> Result<Option<ViewSummary>> {
        Ok(self
            .list_views(Some(ViewTypeFilter::Aws))
            .await?
            .into_iter()
            .find(|v| v.name == name || v.id == name))
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
                // An AWS-managed view by the name or id `list` prints (`Cards`, `cards`); the
                // service reads one only by its ARN.
                None if let Some(m) = self.find_managed(&spec.view).await? => m.arn,
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

/// What a submission sends: the view's metadata, its compact template and actions, the
/// status, and a client token generated once for the submission and reused by its retries.
#[derive(Debug, Clone)]
pub struct Submission {
    pub name: String,
    pub description: Option<String>,
    pub tags: HashMap<String, String>,
    pub status: Status,
    pub template: String,
    pub actions: Vec<String>,
    pub client_token: String,
}

impl Submission {
    /// From a document: the compact template, a fresh client token.
    pub fn of(
        doc: &crate::view::ViewDocument,
        status: Status,
    ) -> std::result::Result<Submission, String> {
        Ok(Submission {
            name: doc.name.clone(),
            description: doc.description.clone(),
            tags: doc.tags.clone().into_iter().collect(),
            status,
            template: doc.compact_template()?,
            actions: doc.actions.clone(),
            client_token: uuid::Uuid::new_v4().to_string(),
        })
    }
}

/// What CreateViewVersion did.
#[derive(Debug, Clone)]
pub struct Versioned {
    /// The new version, or the highest existing one when nothing changed since it.
    pub view: View,
    pub created: bool,
}

impl Versioned {
    /// "no change since version N: no new version created", with what became of a
    /// description that was given; `None` when a version was made.
    pub fn unchanged_note(&self, description: Option<&str>) -> Option<String> {
        if self.created {
            return None;
        }
        let n = self.view.version;
        let mut note = format!("no change since version {n}: no new version created");
        if let Some(d) = description {
            let kept = self.view.version_description.as_deref().unwrap_or("none");
            note.push_str(&format!(
                "; the description \"{d}\" was not recorded (version {n}'s is: {kept})"
            ));
        }
        Some(note)
    }
}

fn with_request_id(
    view: Option<&aws_sdk_connect::types::View>,
    name: &str,
    request_id: Option<&str>,
) -> View {
    let mut v = view.map(View::from_sdk).unwrap_or_else(|| empty(name));
    v.request_id = request_id.map(str::to_string);
    v
}

fn empty(name: &str) -> View {
    View {
        id: String::new(),
        arn: String::new(),
        name: name.to_string(),
        status: String::new(),
        view_type: ViewKind::default(),
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
        request_id: None,
    }
}

/// The SDK's view type for a `--type` filter.
fn sdk_view_type(f: ViewTypeFilter) -> ViewType {
    match f {
        ViewTypeFilter::Customer => ViewType::CustomerManaged,
        ViewTypeFilter::Aws => ViewType::AwsManaged,
    }
}

/// One row of `list`, from a ListViews summary or a SearchViews view alike.
/// Every page of a listing, `page` asked with each next token until there is none.
async fn every_page<F, Fut>(mut page: F) -> Result<Vec<ViewSummary>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<(Vec<ViewSummary>, Option<String>)>>,
{
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let (views, next) = page(token.take()).await?;
        out.extend(views);
        match next {
            Some(t) => token = Some(t),
            None => return Ok(out),
        }
    }
}

/// The next page's token; none, or an empty one, ends the listing.
fn next_token(token: Option<&str>) -> Option<String> {
    token.filter(|t| !t.is_empty()).map(str::to_string)
}

fn summary(
    [id, arn, name]: [Option<&str>; 3],
    view_type: Option<&ViewType>,
    status: Option<&aws_sdk_connect::types::ViewStatus>,
    description: Option<&str>,
) -> ViewSummary {
    ViewSummary {
        id: id.unwrap_or_default().to_string(),
        arn: arn.unwrap_or_default().to_string(),
        name: name.unwrap_or_default().to_string(),
        view_type: ViewKind::of(view_type.map(|t| t.as_str())),
        status: status.map(|s| s.as_str().to_string()).unwrap_or_default(),
        description: description.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_specs_split_qualifiers() {
        assert_eq!(
            ViewSpec::parse("orders:$SAVED").qualifier,
            Some(crate::view::status::Qualifier::Saved)
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
