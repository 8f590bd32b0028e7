//! Workspaces and their pages, as botocore's model defines them. A page's `InputData` is
//! "validated against the view's input schema" (the model's words): here the schema of the
//! version the page's view ARN names ($LATEST when unqualified and published, else $SAVED),
//! the service's own `InputSchema` as stored, each refusal naming where and what.

use axum::response::Response;
use serde_json::{Value, json};

use super::{Ctx, blocking, now};
use crate::local::model::{self, ManagedView, ViewRef};
use crate::local::wire::{ApiError, ApiResult, ErrorKind, check_length, json_kind, ok};
use crate::local::workspace_store::{PageRow, WorkspaceRow};
use crate::view::status::Qualifier;

/// The custom pages an instance may have, across its workspaces (AWS's documented quota).
pub const CUSTOM_PAGES: usize = 17;

/// System pages; any other page is a custom page.
const SYSTEM_PAGES: &[&str] = &["HOME", "AGENT_EXPERIENCE"];

fn is_custom(page: &str) -> bool {
    !SYSTEM_PAGES.contains(&page)
}

const VISIBILITY: &[&str] = &["ALL", "ASSIGNED", "NONE"];

fn page_checked(member: &str, page: &str) -> ApiResult<()> {
    check_length(member, page, 1, 25)?;
    let ok = page != "."
        && page != ".."
        && page
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "-_.:=@'|".contains(c));
    if !ok {
        return Err(ApiError::invalid(format!(
            "{member} \"{page}\" may hold only letters, digits, spaces and - _ . : = @ ' |"
        )));
    }
    if is_custom(page) && (page.starts_with("aws:") || page.starts_with("connect:")) {
        return Err(ApiError::invalid(format!(
            "{member} \"{page}\": custom pages cannot use the aws: or connect: prefixes"
        )));
    }
    Ok(())
}

fn slug_checked(slug: &Option<String>) -> ApiResult<()> {
    if let Some(s) = slug.as_deref().filter(|s| !s.is_empty()) {
        check_length("Slug", s, 3, 63)?;
        if !s
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "-_.:=@'|".contains(c))
        {
            return Err(ApiError::invalid(format!(
                "Slug \"{s}\" may hold only letters, digits, spaces and - _ . : = @ ' |"
            )));
        }
    }
    Ok(())
}

fn text_checked(member: &str, v: &Option<String>, max: usize) -> ApiResult<()> {
    if let Some(v) = v {
        check_length(member, v, 0, max)?;
        if v.chars().any(|c| c.is_control() && !"\r\n\t".contains(c)) {
            return Err(ApiError::invalid(format!(
                "{member} holds control characters"
            )));
        }
    }
    Ok(())
}

fn workspace_json(w: &WorkspaceRow) -> Value {
    let mut v = json!({"Id": w.id, "Name": w.name, "Arn": w.arn, "Visibility": w.visibility,
        "LastModifiedTime": w.modified, "LastModifiedRegion": "us-east-1", "Tags": w.tags});
    for (k, val) in [("Description", &w.description), ("Title", &w.title)] {
        if let Some(val) = val {
            v[k] = json!(val);
        }
    }
    if let Some(t) = &w.theme {
        v["Theme"] = t.clone();
    }
    v
}

fn page_json(p: &PageRow) -> Value {
    let mut v = json!({"ResourceArn": p.resource_arn, "Page": p.page});
    if let Some(s) = &p.slug {
        v["Slug"] = json!(s);
    }
    if let Some(d) = &p.input_data {
        v["InputData"] = json!(d);
    }
    v
}

impl Ctx {
    pub(super) async fn create_workspace(&self, inst: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let name = body.required_string("Name")?;
        check_length("Name", &name, 1, 127)?;
        if name.trim().is_empty() {
            return Err(ApiError::invalid("Name must hold more than white space"));
        }
        let description = body.string("Description")?;
        text_checked("Description", &description, 500)?;
        let title = body.string("Title")?;
        text_checked("Title", &title, 127)?;
        let tags = match body.object("Tags")? {
            Some(t) if !t.is_empty() => model::tags("Tags", t)?,
            _ => Default::default(),
        };
        let id = uuid::Uuid::new_v4().to_string();
        let at = now();
        let w = WorkspaceRow {
            arn: format!("{}/workspace/{id}", self.app.scope.instance_arn(&instance)),
            instance,
            id,
            name,
            description,
            title,
            visibility: "ALL".into(),
            theme: body.object("Theme")?.map(|t| Value::Object(t.clone())),
            tags,
            created: at,
            modified: at,
        };
        let w = blocking(&self.app, move |s| s.create_workspace(w)).await?;
        Ok(ok(json!({"WorkspaceId": w.id, "WorkspaceArn": w.arn})))
    }

    pub(super) async fn describe_workspace(&self, inst: &str, id: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = id.to_string();
        let w = blocking(&self.app, move |s| s.workspace(&instance, &id)).await?;
        Ok(ok(json!({"Workspace": workspace_json(&w)})))
    }

    pub(super) async fn list_workspaces(&self, inst: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let limit = self.page_size(100)?;
        let scope = format!("ListWorkspaces\0{instance}");
        let offset = self.offset(&scope)?;
        let all = blocking(&self.app, move |s| s.workspaces(&instance)).await?;
        let page: Vec<Value> = all
            .iter()
            .skip(offset)
            .take(limit)
            .map(|w| {
                json!({"Id": w.id, "Name": w.name, "Arn": w.arn,
                "LastModifiedTime": w.modified, "LastModifiedRegion": "us-east-1"})
            })
            .collect();
        let mut out = json!({"WorkspaceSummaryList": page});
        self.next_token_into(&mut out, &scope, offset + limit, all.len());
        Ok(ok(out))
    }

    /// SearchWorkspaces: a string condition on `name` or `description` (with AND / OR lists),
    /// `MaxResults` 1 to 500.
    pub(super) async fn search_workspaces(&self) -> ApiResult<Response> {
        let body = self.body()?;
        let instance = self.instance(&body.required_string("InstanceId")?)?;
        let limit = Self::body_page_size(&body, 500)?;
        let criteria = body.0.get("SearchCriteria").cloned().unwrap_or(Value::Null);
        let scope = format!(
            "SearchWorkspaces\0{instance}\0{}",
            super::canonical(Some(&criteria))
        );
        let offset = self.body_offset(&body, &scope)?;
        let all = blocking(&self.app, move |s| s.workspaces(&instance)).await?;
        let mut hits = Vec::new();
        for w in &all {
            if workspace_matches(&criteria, w, "SearchCriteria")? {
                hits.push(w);
            }
        }
        let page: Vec<Value> = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(|w| {
                let mut v = json!({"Id": w.id, "Name": w.name, "Arn": w.arn,
                    "Visibility": w.visibility, "CreatedAt": w.created, "Tags": w.tags});
                for (k, val) in [("Description", &w.description), ("Title", &w.title)] {
                    if let Some(val) = val {
                        v[k] = json!(val);
                    }
                }
                v
            })
            .collect();
        let mut out = json!({"Workspaces": page, "ApproximateTotalCount": hits.len()});
        self.next_token_into(&mut out, &scope, offset + limit, hits.len());
        Ok(ok(out))
    }

    /// SearchWorkspaceAssociations: every user and routing profile associated with a
    /// workspace of the instance, filtered by the criteria, `MaxResults` 1 to 500.
    pub(super) async fn search_workspace_associations(&self) -> ApiResult<Response> {
        let body = self.body()?;
        let instance = self.instance(&body.required_string("InstanceId")?)?;
        let limit = Self::body_page_size(&body, 500)?;
        let criteria = body.0.get("SearchCriteria").cloned().unwrap_or(Value::Null);
        let scope = format!(
            "SearchWorkspaceAssociations\0{instance}\0{}",
            super::canonical(Some(&criteria))
        );
        let offset = self.body_offset(&body, &scope)?;
        let (workspaces, pairs) = blocking(&self.app, move |s| {
            Ok((s.workspaces(&instance)?, s.associations(&instance)?))
        })
        .await?;
        let mut hits = Vec::new();
        for (wid, arn) in &pairs {
            let Some(w) = workspaces.iter().find(|w| &w.id == wid) else {
                continue;
            };
            let a = Association::of(w, arn);
            if association_matches(&criteria, &a, "SearchCriteria")? {
                hits.push(a);
            }
        }
        let page: Vec<Value> = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(Association::json)
            .collect();
        let mut out = json!({"WorkspaceAssociations": page, "ApproximateTotalCount": hits.len()});
        self.next_token_into(&mut out, &scope, offset + limit, hits.len());
        Ok(ok(out))
    }

    /// UpdateWorkspaceMetadata, UpdateWorkspaceVisibility and UpdateWorkspaceTheme.
    pub(super) async fn update_workspace(
        &self,
        inst: &str,
        id: &str,
        what: &str,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let id = id.to_string();
        let (name, description, title) = (
            body.string("Name")?,
            body.string("Description")?,
            body.string("Title")?,
        );
        if let Some(n) = &name {
            check_length("Name", n, 1, 127)?;
        }
        text_checked("Description", &description, 500)?;
        text_checked("Title", &title, 127)?;
        let visibility = match what {
            "visibility" => {
                let v = body.required_string("Visibility")?;
                if !VISIBILITY.contains(&v.as_str()) {
                    return Err(ApiError::invalid(format!(
                        "Visibility must be ALL, ASSIGNED or NONE, not \"{v}\""
                    )));
                }
                Some(v)
            }
            _ => None,
        };
        let theme = match what {
            "theme" => Some(body.object("Theme")?.map(|t| Value::Object(t.clone()))),
            _ => None,
        };
        let metadata = what == "metadata";
        blocking(&self.app, move |s| {
            s.update_workspace(&instance, &id, |w| {
                if metadata {
                    w.name = name.unwrap_or(std::mem::take(&mut w.name));
                    w.description = description.or(w.description.take());
                    w.title = title.or(w.title.take());
                }
                if let Some(v) = visibility {
                    w.visibility = v;
                }
                if let Some(t) = theme {
                    w.theme = t;
                }
                w.modified = now();
            })
        })
        .await?;
        Ok(ok(json!({})))
    }

    pub(super) async fn delete_workspace(&self, inst: &str, id: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let id = id.to_string();
        blocking(&self.app, move |s| s.delete_workspace(&instance, &id)).await?;
        Ok(ok(json!({})))
    }

    pub(super) async fn list_pages(&self, inst: &str, id: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let limit = self.page_size(100)?;
        let scope = format!("ListWorkspacePages\0{instance}\0{id}");
        let offset = self.offset(&scope)?;
        let id = id.to_string();
        let pages = blocking(&self.app, move |s| s.pages(&instance, &id)).await?;
        let page: Vec<Value> = pages
            .iter()
            .skip(offset)
            .take(limit)
            .map(page_json)
            .collect();
        let mut out = json!({"WorkspacePageList": page});
        self.next_token_into(&mut out, &scope, offset + limit, pages.len());
        Ok(ok(out))
    }

    /// CreateWorkspacePage (`old` none) and UpdateWorkspacePage (`old` the page in the path):
    /// the view must exist, and the `InputData` fit its input schema.
    pub(super) async fn put_page(
        &self,
        inst: &str,
        id: &str,
        old: Option<&str>,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let existing = match old {
            Some(o) => {
                page_checked("Page", o)?;
                let (i, w, o) = (instance.clone(), id.to_string(), o.to_string());
                let pages = blocking(&self.app, move |s| s.pages(&i, &w)).await?;
                Some(pages.into_iter().find(|p| p.page == o).ok_or_else(|| {
                    ApiError::not_found(format!(
                        "workspace {id} has no page \"{}\"",
                        old.unwrap_or("")
                    ))
                })?)
            }
            None => None,
        };
        let page = match (old, body.string("Page")?, body.string("NewPage")?) {
            (None, Some(p), _) => p,
            (None, None, _) => return Err(ApiError::invalid("Page is required")),
            (Some(o), _, new) => new.unwrap_or_else(|| o.to_string()),
        };
        page_checked(if old.is_some() { "NewPage" } else { "Page" }, &page)?;
        let slug = body
            .string("Slug")?
            .or(existing.as_ref().and_then(|e| e.slug.clone()));
        slug_checked(&slug)?;
        let arn = match (body.string("ResourceArn")?, &existing) {
            (Some(a), _) => a,
            (None, Some(e)) => e.resource_arn.clone(),
            (None, None) => return Err(ApiError::invalid("ResourceArn is required")),
        };
        let input = body
            .string("InputData")?
            .or(existing.and_then(|e| e.input_data));
        if let Some(d) = &input {
            check_length("InputData", d, 0, 4096)?;
        }
        self.check_input_data(&instance, &arn, input.as_deref())
            .await?;
        let row = PageRow {
            page,
            slug,
            resource_arn: arn,
            input_data: input,
        };
        let (w, old) = (id.to_string(), old.map(str::to_string));
        blocking(&self.app, move |s| {
            s.put_page(
                &instance,
                &w,
                old.as_deref(),
                row,
                (CUSTOM_PAGES, is_custom),
            )
        })
        .await?;
        Ok(ok(json!({})))
    }

    pub(super) async fn delete_page(
        &self,
        inst: &str,
        id: &str,
        page: &str,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, page) = (id.to_string(), page.to_string());
        blocking(&self.app, move |s| s.delete_page(&instance, &id, &page)).await?;
        Ok(ok(json!({})))
    }

    /// The input schema of the view a page names, and the page's data checked against it.
    async fn check_input_data(
        &self,
        instance: &str,
        arn: &str,
        input: Option<&str>,
    ) -> ApiResult<()> {
        let not_found = || ApiError::not_found(format!("no view has the ARN {arn}"));
        let schema = match model::view_ref(arn, instance, &self.app.scope)
            .map_err(|_| not_found())?
        {
            ViewRef::AwsManaged { name, .. } => ManagedView::find(&name)
                .ok_or_else(not_found)?
                .input_schema(),
            ViewRef::Customer { id, qualifier } => {
                let i = instance.to_string();
                let v = blocking(&self.app, move |s| match qualifier {
                    Some(Qualifier::Version(n)) => s.version(&i, &id, n).map(|(_, v)| v.content),
                    Some(Qualifier::Saved) => s.view(&i, &id).map(|v| v.saved),
                    _ => s.view(&i, &id).map(|v| v.latest.unwrap_or(v.saved)),
                })
                .await
                .map_err(|e| match e.kind {
                    ErrorKind::ResourceNotFound => not_found(),
                    _ => e,
                })?;
                v.input_schema
            }
        };
        let Some(text) = input.filter(|t| !t.trim().is_empty()) else {
            return Ok(());
        };
        let data: Value = serde_json::from_str(text)
            .map_err(|e| ApiError::invalid(format!("InputData is not JSON: {e}")))?;
        let compiled = crate::view::data::DataSchema::from_text(
            &schema,
            crate::view::data::SchemaSource::Service {
                view: arn.to_string(),
            },
            None,
        )
        .map_err(ApiError::internal)?;
        let problems: Vec<String> = crate::view::data::check_data(&compiled, &data, None)
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let at = if d.pointer.is_empty() {
                    "/".to_string()
                } else {
                    d.pointer
                };
                format!("{at}: {}", d.message)
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::invalid(format!(
                "InputData does not fit the input schema of {arn}: {}",
                problems.join("; ")
            )))
        }
    }

    /// AssociateWorkspace / DisassociateWorkspace: every ARN given succeeds.
    pub(super) async fn associate_workspace(
        &self,
        inst: &str,
        id: &str,
        on: bool,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let arns: Vec<String> = match body.0.get("ResourceArns") {
            Some(Value::Array(items)) if !items.is_empty() => items
                .iter()
                .map(|a| {
                    a.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| ApiError::invalid("ResourceArns must be strings"))
                })
                .collect::<ApiResult<_>>()?,
            _ => {
                return Err(ApiError::invalid(
                    "ResourceArns must be a list of 1 or more ARNs",
                ));
            }
        };
        let id = id.to_string();
        let done = blocking(&self.app, move |s| s.associate(&instance, &id, &arns, on)).await?;
        let list: Vec<Value> = done.iter().map(|a| json!({"ResourceArn": a})).collect();
        Ok(ok(json!({"SuccessfulList": list, "FailedList": []})))
    }
}

/// Whether a workspace meets `WorkspaceSearchCriteria` (null: every one).
fn workspace_matches(c: &Value, w: &WorkspaceRow, at: &str) -> ApiResult<bool> {
    let field = |name: &str| match name {
        "name" => Some(w.name.clone()),
        "description" => Some(w.description.clone().unwrap_or_default()),
        "title" => Some(w.title.clone().unwrap_or_default()),
        _ => None,
    };
    criteria_match(c, at, &field, "name, description or title")
}

/// Whether an association meets `WorkspaceAssociationSearchCriteria`. The model names no
/// field; its documentation says the criteria include "workspace ID, resource ID, or
/// resource type", the summary's own members, so those three are matched (without regard
/// to case, as `workspaceId` or `WorkspaceId`).
fn association_matches(c: &Value, a: &Association, at: &str) -> ApiResult<bool> {
    let field = |name: &str| match name.to_ascii_lowercase().as_str() {
        "workspaceid" => Some(a.workspace_id.clone()),
        "resourceid" => Some(a.resource_id.clone()),
        "resourcetype" => Some(a.resource_type.to_string()),
        _ => None,
    };
    criteria_match(
        c,
        at,
        &field,
        "workspaceId, resourceId or resourceType (the model documents no list; these are the \
         three its documentation names)",
    )
}

/// A search criteria tree (`StringCondition`, `AndConditions`, `OrConditions`; null: all)
/// over the fields `field` reads; a field it does not know is InvalidParameterException.
fn criteria_match(
    c: &Value,
    at: &str,
    field: &dyn Fn(&str) -> Option<String>,
    known: &str,
) -> ApiResult<bool> {
    let Value::Object(o) = c else {
        return match c {
            Value::Null => Ok(true),
            other => Err(ApiError::invalid(format!(
                "{at} must be an object, not {}",
                json_kind(other)
            ))),
        };
    };
    let mut holds = true;
    if let Some(Value::Object(s)) = o.get("StringCondition") {
        let name = s.get("FieldName").and_then(Value::as_str).unwrap_or("");
        let Some(have) = field(name).map(|h| h.to_lowercase()) else {
            return Err(ApiError::invalid(format!(
                "{at}.StringCondition.FieldName must be {known}, not \"{name}\""
            )));
        };
        let want = s
            .get("Value")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_lowercase();
        holds &= match s.get("ComparisonType").and_then(Value::as_str) {
            Some("STARTS_WITH") => have.starts_with(&want),
            Some("CONTAINS") => have.contains(&want),
            _ => have == want,
        };
    }
    if let Some(Value::Array(all)) = o.get("AndConditions") {
        for c in all {
            holds &= criteria_match(c, at, field, known)?;
        }
    }
    if let Some(Value::Array(any)) = o.get("OrConditions") {
        let mut one = any.is_empty();
        for c in any {
            one |= criteria_match(c, at, field, known)?;
        }
        holds &= one;
    }
    Ok(holds)
}

/// One association as SearchWorkspaceAssociations reports it.
struct Association {
    workspace_id: String,
    workspace_arn: String,
    resource_id: String,
    resource_arn: String,
    resource_type: &'static str,
}

impl Association {
    /// From a stored (workspace, resource ARN) pair: the resource's kind from its ARN
    /// (`.../agent/ID` a user, `.../routing-profile/ID` a routing profile).
    fn of(workspace: &WorkspaceRow, resource_arn: &str) -> Association {
        let mut parts = resource_arn.rsplit('/');
        let resource_id = parts.next().unwrap_or_default().to_string();
        let resource_type = match parts.next() {
            Some("routing-profile") => "ROUTING_PROFILE",
            _ => "USER",
        };
        Association {
            workspace_id: workspace.id.clone(),
            workspace_arn: workspace.arn.clone(),
            resource_id,
            resource_arn: resource_arn.to_string(),
            resource_type,
        }
    }

    fn json(&self) -> Value {
        json!({"WorkspaceId": self.workspace_id, "WorkspaceArn": self.workspace_arn,
            "ResourceId": self.resource_id, "ResourceArn": self.resource_arn,
            "ResourceType": self.resource_type})
    }
}
