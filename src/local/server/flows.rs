//! Contact flows and flow modules, as botocore's model defines their operations: content is
//! stored as given (only text that is not JSON is refused, as `InvalidContactFlowException`
//! or `InvalidContactFlowModuleException` with its problems); `id`, `id:$SAVED`, `id:N` and
//! their ARN forms are described; numbered versions; a module's aliases.

use axum::response::Response;
use serde_json::{Map, Value, json};

use super::{Ctx, blocking, now, query_one};
use crate::local::flow_store::{AliasRow, FlowRow, FlowVersionRow, Kind};
use crate::local::model;
use crate::local::wire::{ApiError, ApiResult, Body, ErrorKind, check_length, json_kind, ok};

/// The flow types of the model's `ContactFlowType`.
const FLOW_TYPES: &[&str] = &[
    "CONTACT_FLOW",
    "CUSTOMER_QUEUE",
    "CUSTOMER_HOLD",
    "CUSTOMER_WHISPER",
    "AGENT_HOLD",
    "AGENT_WHISPER",
    "OUTBOUND_WHISPER",
    "AGENT_TRANSFER",
    "QUEUE_TRANSFER",
    "CAMPAIGN",
];

/// The member names one kind uses where the other uses its own.
struct Names {
    id: &'static str,
    describe: &'static str,
    sha: &'static str,
    summaries: &'static str,
    search: &'static str,
    versions: &'static str,
    state: &'static str,
}

fn names(kind: Kind) -> Names {
    match kind {
        Kind::Flow => Names {
            id: "ContactFlowId",
            describe: "ContactFlow",
            sha: "FlowContentSha256",
            summaries: "ContactFlowSummaryList",
            search: "ContactFlows",
            versions: "ContactFlowVersionSummaryList",
            state: "ContactFlowState",
        },
        Kind::Module => Names {
            id: "ContactFlowModuleId",
            describe: "ContactFlowModule",
            sha: "FlowModuleContentSha256",
            summaries: "ContactFlowModulesSummaryList",
            search: "ContactFlowModules",
            versions: "ContactFlowModuleVersionSummaryList",
            state: "State",
        },
    }
}

/// What a flow identifier names: the id, and `$SAVED` or a version.
#[derive(Debug, Clone, PartialEq)]
enum Qualified {
    Current,
    Saved,
    Version(i64),
}

/// A flow id or ARN (`.../contact-flow/ID`), optionally `:$SAVED` or `:N`.
fn flow_ref(raw: &str, kind: Kind) -> ApiResult<(String, Qualified)> {
    let tail = if raw.starts_with("arn:") {
        let marker = format!("/{}/", kind.arn_part());
        raw.split_once(&marker).map(|(_, t)| t).ok_or_else(|| {
            ApiError::invalid(format!("\"{raw}\" is not the ARN of a {}", kind.noun()))
        })?
    } else {
        raw
    };
    let (id, q) = match tail.split_once(':') {
        None => (tail, Qualified::Current),
        Some((id, "$SAVED")) => (id, Qualified::Saved),
        Some((id, n)) => match n.parse::<i64>() {
            Ok(v) if v >= 1 => (id, Qualified::Version(v)),
            _ => {
                return Err(ApiError::invalid(format!(
                    "\"{n}\" is not a qualifier of a {}: use $SAVED or a version number",
                    kind.noun()
                )));
            }
        },
    };
    if id.is_empty() || id.len() > 500 {
        return Err(ApiError::invalid(format!(
            "{} must be 1 to 500 characters",
            names(kind).id
        )));
    }
    Ok((id.to_string(), q))
}

fn sha(content: &str) -> String {
    crate::view::checksum::sha256_hex(content)
}

/// Content as the model bounds it, refused only when it is not JSON.
fn checked_content(kind: Kind, content: &str) -> ApiResult<()> {
    check_length("Content", content, 1, 256_000)?;
    if let Err(e) = serde_json::from_str::<Value>(content) {
        let shape = match kind {
            Kind::Flow => ErrorKind::InvalidContactFlow,
            Kind::Module => ErrorKind::InvalidContactFlowModule,
        };
        return Err(ApiError::new(
            shape,
            format!("the {} content is not JSON: {e}", kind.noun()),
        ));
    }
    Ok(())
}

fn name_checked(kind: Kind, name: &str) -> ApiResult<()> {
    let max = if kind == Kind::Module { 127 } else { 500 };
    check_length("Name", name, 1, max)?;
    if name.trim().is_empty() {
        return Err(ApiError::invalid("Name must hold more than white space"));
    }
    Ok(())
}

fn description_checked(d: &Option<String>) -> ApiResult<()> {
    if let Some(d) = d {
        check_length("Description", d, 0, 500)?;
    }
    Ok(())
}

/// A flow or module as its describe shows it, with `content` (the saved, the published or a
/// version's) and the version it is, if one.
fn flow_json(f: &FlowRow, content: &str, version: Option<&FlowVersionRow>) -> Value {
    let n = names(f.kind);
    let mut v = json!({
        "Arn": f.arn,
        "Id": f.id,
        "Name": f.name,
        "State": f.state,
        "Status": f.status,
        "Content": content,
        "Tags": f.tags,
        n.sha: sha(content),
        "LastModifiedTime": f.modified,
        "LastModifiedRegion": "us-east-1",
    });
    if let Some(d) = &f.description {
        v["Description"] = json!(d);
    }
    if let Some(t) = &f.flow_type {
        v["Type"] = json!(t);
    }
    if let Some(s) = &f.settings {
        v["Settings"] = json!(s);
    }
    if let Some(ver) = version {
        v["Version"] = json!(ver.version);
        v["Arn"] = json!(format!("{}:{}", f.arn, ver.version));
        if let Some(d) = &ver.description {
            v["VersionDescription"] = json!(d);
        }
    }
    if f.kind == Kind::Module {
        v.as_object_mut().map(|o| o.remove("LastModifiedTime"));
        v.as_object_mut().map(|o| o.remove("LastModifiedRegion"));
    }
    v
}

fn tags_of(body: &Body) -> ApiResult<indexmap::IndexMap<String, String>> {
    match body.object("Tags")? {
        Some(t) if !t.is_empty() => model::tags("Tags", t),
        _ => Ok(Default::default()),
    }
}

impl Ctx {
    fn flow_arn(&self, instance: &str, kind: Kind, id: &str) -> String {
        format!(
            "{}/{}/{id}",
            self.app.scope.instance_arn(instance),
            kind.arn_part()
        )
    }

    pub(super) async fn create_flow(&self, inst: &str, kind: Kind) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let body = self.body()?;
        let name = body.required_string("Name")?;
        name_checked(kind, &name)?;
        let description = body.string("Description")?;
        description_checked(&description)?;
        let content = body.required_string("Content")?;
        checked_content(kind, &content)?;
        let flow_type = match kind {
            Kind::Flow => {
                let t = body.required_string("Type")?;
                if !FLOW_TYPES.contains(&t.as_str()) {
                    return Err(ApiError::invalid(format!(
                        "Type must be one of {}, not \"{t}\"",
                        FLOW_TYPES.join(", ")
                    )));
                }
                Some(t)
            }
            Kind::Module => None,
        };
        let status = match (kind, body.string("Status")?) {
            (Kind::Flow, Some(s)) => model::parse_status(&s)?.as_str().to_string(),
            _ => "PUBLISHED".to_string(),
        };
        let id = uuid::Uuid::new_v4().to_string();
        let row = FlowRow {
            arn: self.flow_arn(&instance, kind, &id),
            instance,
            kind,
            id,
            name,
            description,
            flow_type,
            state: "ACTIVE".into(),
            published: (status == "PUBLISHED").then(|| content.clone()),
            status,
            saved: content,
            tags: tags_of(&body)?,
            settings: body.string("Settings")?,
            modified: now(),
        };
        let f = blocking(&self.app, move |s| s.create_flow(row)).await?;
        Ok(ok(match kind {
            Kind::Flow => json!({"ContactFlowId": f.id, "ContactFlowArn": f.arn,
                                 "FlowContentSha256": sha(f.current())}),
            Kind::Module => json!({"Id": f.id, "Arn": f.arn}),
        }))
    }

    pub(super) async fn describe_flow(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, q) = flow_ref(raw, kind)?;
        let out = match q {
            Qualified::Version(n) => {
                let (f, v) =
                    blocking(&self.app, move |s| s.flow_version(&instance, kind, &id, n)).await?;
                flow_json(&f, &v.content, Some(&v))
            }
            q => {
                let f = blocking(&self.app, move |s| s.flow(&instance, kind, &id)).await?;
                let mut shown = f.clone();
                if q == Qualified::Saved {
                    shown.status = "SAVED".into();
                }
                let content = if q == Qualified::Saved {
                    &f.saved
                } else {
                    f.current()
                };
                flow_json(&shown, content, None)
            }
        };
        Ok(ok(json!({ names(kind).describe: out })))
    }

    /// Every flow (or module) of the instance, `maxResults` (1 to 1000) a page.
    pub(super) async fn list_flows(&self, inst: &str, kind: Kind) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let limit = self.page_size(1000)?;
        let types: Vec<String> = self
            .query
            .iter()
            .filter(|(k, _)| k == "contactFlowTypes")
            .map(|(_, v)| v.clone())
            .collect();
        let state = query_one(&self.query, "state").map(str::to_string);
        let scope = format!("List{}\0{instance}\0{types:?}\0{state:?}", kind.noun());
        let offset = self.offset(&scope)?;
        let i = instance.clone();
        let rows = blocking(&self.app, move |s| s.flows(&i, kind)).await?;
        let rows: Vec<&FlowRow> = rows
            .iter()
            .filter(|f| types.is_empty() || f.flow_type.as_ref().is_some_and(|t| types.contains(t)))
            .filter(|f| state.as_ref().is_none_or(|s| *s == f.state))
            .collect();
        let page: Vec<Value> = rows
            .iter()
            .skip(offset)
            .take(limit)
            .map(|f| match kind {
                Kind::Flow => json!({"Id": f.id, "Arn": f.arn, "Name": f.name,
                    "ContactFlowType": f.flow_type, "ContactFlowState": f.state,
                    "ContactFlowStatus": f.status}),
                Kind::Module => json!({"Id": f.id, "Arn": f.arn, "Name": f.name, "State": f.state}),
            })
            .collect();
        let mut out = json!({ names(kind).summaries: page });
        self.next_token_into(&mut out, &scope, offset + limit, rows.len());
        Ok(ok(out))
    }

    /// `maxResults` from the query, 1 to `max` (100 when absent).
    pub(super) fn page_size(&self, max: i64) -> ApiResult<usize> {
        match query_one(&self.query, "maxResults") {
            None => Ok(100.min(max as usize)),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n as usize),
                _ => Err(ApiError::invalid(format!(
                    "maxResults must be a whole number from 1 to {max}, not \"{v}\""
                ))),
            },
        }
    }

    /// A search body's `MaxResults`, 1 to `max` (100 when absent).
    pub(super) fn body_page_size(body: &Body, max: i64) -> ApiResult<usize> {
        match body.0.get("MaxResults") {
            None | Some(Value::Null) => Ok(100),
            Some(Value::Number(n)) => match n.as_i64() {
                Some(k) if (1..=max).contains(&k) => Ok(k as usize),
                _ => Err(ApiError::invalid(format!(
                    "MaxResults must be a whole number from 1 to {max}, not {n}"
                ))),
            },
            Some(other) => Err(ApiError::invalid(format!(
                "MaxResults must be a number, not {}",
                json_kind(other)
            ))),
        }
    }

    /// Where a search page starts: the offset the body's `NextToken` carries for `scope`.
    pub(super) fn body_offset(&self, body: &Body, scope: &str) -> ApiResult<usize> {
        match body.string("NextToken")? {
            None => Ok(0),
            Some(t) => {
                check_length("NextToken", &t, 1, 2500)?;
                self.app
                    .tokens
                    .read(&t, scope, "NextToken")?
                    .strip_prefix("at:")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| super::bad_token("NextToken"))
            }
        }
    }

    /// A page's `NextToken` when items are left after `end` of `total`: the offset, sealed
    /// for `scope`.
    pub(super) fn next_token_into(&self, out: &mut Value, scope: &str, end: usize, total: usize) {
        if end < total {
            out["NextToken"] = json!(self.app.tokens.issue(scope, &format!("at:{end}")));
        }
    }

    /// Where a page starts: the offset the query's `nextToken` carries for this scope.
    pub(super) fn offset(&self, scope: &str) -> ApiResult<usize> {
        match self.next_token()? {
            None => Ok(0),
            Some(t) => self
                .app
                .tokens
                .read(&t, scope, "nextToken")?
                .strip_prefix("at:")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| super::bad_token("nextToken")),
        }
    }

    pub(super) async fn update_flow_content(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, q) = flow_ref(raw, kind)?;
        let body = self.body()?;
        let content = body.required_string("Content")?;
        checked_content(kind, &content)?;
        let settings = body.string("Settings")?;
        let publish = match q {
            Qualified::Version(_) => {
                return Err(ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("a version of a {} cannot be changed", kind.noun()),
                ));
            }
            Qualified::Saved => false,
            Qualified::Current => true,
        };
        blocking(&self.app, move |s| {
            s.update_flow(&instance, kind, &id, |f| {
                f.saved = content.clone();
                if publish {
                    f.published = Some(content);
                    f.status = "PUBLISHED".into();
                }
                if settings.is_some() {
                    f.settings = settings;
                }
                f.modified = now();
                Ok(())
            })
        })
        .await?;
        Ok(ok(json!({})))
    }

    /// UpdateContactFlowMetadata, UpdateContactFlowName and UpdateContactFlowModuleMetadata:
    /// a new name, description or state, each only when given.
    pub(super) async fn update_flow_metadata(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
        with_state: bool,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, _) = flow_ref(raw, kind)?;
        let body = self.body()?;
        let name = body.string("Name")?;
        if let Some(n) = &name {
            name_checked(kind, n)?;
        }
        let description = body.string("Description")?;
        description_checked(&description)?;
        let state = match body.string(names(kind).state)? {
            Some(s) if with_state => match s.as_str() {
                "ACTIVE" | "ARCHIVED" => Some(s),
                other => {
                    return Err(ApiError::invalid(format!(
                        "{} must be ACTIVE or ARCHIVED, not \"{other}\"",
                        names(kind).state
                    )));
                }
            },
            _ => None,
        };
        blocking(&self.app, move |s| {
            s.update_flow(&instance, kind, &id, |f| {
                f.name = name.unwrap_or(std::mem::take(&mut f.name));
                f.description = description.or(f.description.take());
                f.state = state.unwrap_or(std::mem::take(&mut f.state));
                f.modified = now();
                Ok(())
            })
        })
        .await?;
        Ok(ok(json!({})))
    }

    pub(super) async fn delete_flow(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, q) = flow_ref(raw, kind)?;
        if q != Qualified::Current {
            return Err(ApiError::invalid(format!(
                "delete a {} by its id; a version is deleted with its own operation",
                kind.noun()
            )));
        }
        blocking(&self.app, move |s| s.delete_flow(&instance, kind, &id)).await?;
        Ok(ok(json!({})))
    }

    /// A numbered version of the published content. The model's CreateContactFlowVersion
    /// supports flows of type CAMPAIGN only; a checksum given must be the published one's.
    pub(super) async fn create_flow_version(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, _) = flow_ref(raw, kind)?;
        let body = self.body()?;
        let description = body.string("Description")?;
        description_checked(&description)?;
        let given = body.string(names(kind).sha)?;
        let at = now();
        let (f, version) = blocking(&self.app, move |s| {
            s.create_flow_version(&instance, kind, &id, description, at, |f| {
                use crate::local::store::StoreError::Refused;
                if kind == Kind::Flow && f.flow_type.as_deref() != Some("CAMPAIGN") {
                    return Err(Refused(format!(
                        "versions are created only for flows of type CAMPAIGN; flow {} is {}",
                        f.id,
                        f.flow_type.as_deref().unwrap_or("untyped")
                    )));
                }
                match (&given, &f.published) {
                    (Some(g), Some(p)) if *g != sha(p) => Err(Refused(format!(
                        "the checksum {g} is not the published content's ({})",
                        sha(p)
                    ))),
                    _ => Ok(()),
                }
            })
        })
        .await?;
        Ok(ok(match kind {
            Kind::Flow => json!({"ContactFlowArn": f.arn, "Version": version}),
            Kind::Module => json!({"ContactFlowModuleArn": f.arn, "Version": version}),
        }))
    }

    pub(super) async fn list_flow_versions(
        &self,
        inst: &str,
        raw: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, _) = flow_ref(raw, kind)?;
        let limit = self.page_size(1000)?;
        let scope = format!("Versions\0{instance}\0{id}");
        let offset = self.offset(&scope)?;
        let (i, fid) = (instance.clone(), id.clone());
        let f = blocking(&self.app, move |s| s.flow(&i, kind, &fid)).await?;
        let versions = blocking(&self.app, move |s| s.flow_versions(&instance, kind, &id)).await?;
        let page: Vec<Value> = versions
            .iter()
            .skip(offset)
            .take(limit)
            .map(|v| {
                let mut s =
                    json!({"Arn": format!("{}:{}", f.arn, v.version), "Version": v.version});
                if let Some(d) = &v.description {
                    s["VersionDescription"] = json!(d);
                }
                s
            })
            .collect();
        let mut out = json!({ names(kind).versions: page });
        self.next_token_into(&mut out, &scope, offset + limit, versions.len());
        Ok(ok(out))
    }

    pub(super) async fn delete_flow_version(
        &self,
        inst: &str,
        raw: &str,
        n: &str,
        kind: Kind,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let (id, _) = flow_ref(raw, kind)?;
        let version = n
            .parse::<i64>()
            .ok()
            .filter(|v| *v >= 1)
            .ok_or_else(|| ApiError::invalid(format!("\"{n}\" is not a version number")))?;
        blocking(&self.app, move |s| {
            s.delete_flow_version(&instance, kind, &id, version)
        })
        .await?;
        Ok(ok(json!({})))
    }
}

/// SearchContactFlows' and SearchContactFlowModules' criteria: a string condition on
/// `name`, `description` (or `resourceId`), the type, state and status conditions, and AND
/// / OR lists of criteria.
#[derive(Debug, Default)]
pub(super) struct FlowCriteria {
    or: Vec<FlowCriteria>,
    and: Vec<FlowCriteria>,
    string: Option<(String, String, String)>,
    flow_type: Option<String>,
    state: Option<String>,
    status: Option<String>,
}

fn string_member(o: &Map<String, Value>, key: &str, at: &str) -> ApiResult<Option<String>> {
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(ApiError::invalid(format!(
            "{at}.{key} must be a string, not {}",
            json_kind(other)
        ))),
    }
}

impl FlowCriteria {
    pub(super) fn parse(v: &Value, at: &str, kind: Kind) -> ApiResult<FlowCriteria> {
        let Value::Object(o) = v else {
            return Err(ApiError::invalid(format!(
                "{at} must be an object, not {}",
                json_kind(v)
            )));
        };
        let list = |key: &str| -> ApiResult<Vec<FlowCriteria>> {
            match o.get(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::Array(items)) => items
                    .iter()
                    .enumerate()
                    .map(|(i, c)| FlowCriteria::parse(c, &format!("{at}.{key}[{i}]"), kind))
                    .collect(),
                Some(other) => Err(ApiError::invalid(format!(
                    "{at}.{key} must be a list, not {}",
                    json_kind(other)
                ))),
            }
        };
        let string = match o.get("StringCondition") {
            None | Some(Value::Null) => None,
            Some(Value::Object(s)) => {
                let at = format!("{at}.StringCondition");
                let field = string_member(s, "FieldName", &at)?.unwrap_or_default();
                if !["name", "description", "resourceId"].contains(&field.as_str()) {
                    return Err(ApiError::invalid(format!(
                        "{at}.FieldName must be name, description or resourceId, not \"{field}\""
                    )));
                }
                let value = string_member(s, "Value", &at)?.unwrap_or_default();
                let cmp =
                    string_member(s, "ComparisonType", &at)?.unwrap_or_else(|| "EXACT".into());
                if !["STARTS_WITH", "CONTAINS", "EXACT"].contains(&cmp.as_str()) {
                    return Err(ApiError::invalid(format!(
                        "{at}.ComparisonType must be STARTS_WITH, CONTAINS or EXACT, not \"{cmp}\""
                    )));
                }
                Some((field, value, cmp))
            }
            Some(other) => {
                return Err(ApiError::invalid(format!(
                    "{at}.StringCondition must be an object, not {}",
                    json_kind(other)
                )));
            }
        };
        let type_key = if kind == Kind::Flow {
            "TypeCondition"
        } else {
            ""
        };
        Ok(FlowCriteria {
            or: list("OrConditions")?,
            and: list("AndConditions")?,
            string,
            flow_type: string_member(o, type_key, at)?,
            state: string_member(o, "StateCondition", at)?,
            status: string_member(o, "StatusCondition", at)?,
        })
    }

    pub(super) fn matches(&self, f: &FlowRow) -> bool {
        let string_holds = self.string.as_ref().is_none_or(|(field, value, cmp)| {
            let have = match field.as_str() {
                "name" => f.name.to_lowercase(),
                "description" => f.description.clone().unwrap_or_default().to_lowercase(),
                _ => f.id.to_lowercase(),
            };
            let want = value.to_lowercase();
            match cmp.as_str() {
                "STARTS_WITH" => have.starts_with(&want),
                "CONTAINS" => have.contains(&want),
                _ => have == want,
            }
        });
        string_holds
            && self
                .flow_type
                .as_ref()
                .is_none_or(|t| f.flow_type.as_ref() == Some(t))
            && self.state.as_ref().is_none_or(|s| *s == f.state)
            && self.status.as_ref().is_none_or(|s| *s == f.status)
            && self.and.iter().all(|c| c.matches(f))
            && (self.or.is_empty() || self.or.iter().any(|c| c.matches(f)))
    }
}

impl Ctx {
    /// SearchContactFlows / SearchContactFlowModules: each hit whole, its content included,
    /// `MaxResults` (1 to 100) a page.
    pub(super) async fn search_flows(&self, kind: Kind) -> ApiResult<Response> {
        let body = self.body()?;
        let raw = body.required_string("InstanceId")?;
        let instance = self.instance(&raw)?;
        let limit = Self::body_page_size(&body, 100)?;
        let criteria = match body.0.get("SearchCriteria") {
            None | Some(Value::Null) => FlowCriteria::default(),
            Some(v) => FlowCriteria::parse(v, "SearchCriteria", kind)?,
        };
        let scope = format!(
            "Search{}\0{instance}\0{}",
            kind.noun(),
            super::canonical(body.0.get("SearchCriteria"))
        );
        let offset = self.body_offset(&body, &scope)?;
        // The criteria read metadata only: filter without the content, then read the content
        // of the page's hits alone (a page of 100 flows of 50 kB, not the whole instance).
        let i = instance.clone();
        let rows = blocking(&self.app, move |s| s.flows_without_content(&i, kind)).await?;
        let hits: Vec<&FlowRow> = rows.iter().filter(|f| criteria.matches(f)).collect();
        let ids: Vec<String> = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(|f| f.id.clone())
            .collect();
        let whole = blocking(&self.app, move |s| s.flows_by_id(&instance, kind, &ids)).await?;
        let page: Vec<Value> = whole
            .iter()
            .map(|f| flow_json(f, f.current(), None))
            .collect();
        let mut out = json!({ names(kind).search: page, "ApproximateTotalCount": hits.len() });
        self.next_token_into(&mut out, &scope, offset + limit, hits.len());
        Ok(ok(out))
    }

    fn module_id(&self, raw: &str) -> ApiResult<String> {
        let (id, q) = flow_ref(raw, Kind::Module)?;
        if q != Qualified::Current {
            return Err(ApiError::invalid(
                "ContactFlowModuleId takes no qualifier here",
            ));
        }
        Ok(id)
    }

    pub(super) async fn create_alias(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let module = self.module_id(raw)?;
        let body = self.body()?;
        let name = body.required_string("AliasName")?;
        alias_name_checked(&name)?;
        let description = body.string("Description")?;
        description_checked(&description)?;
        let version = version_member(&body, true)?.unwrap_or_default();
        let alias = AliasRow {
            id: uuid::Uuid::new_v4().to_string(),
            name,
            description,
            version,
            modified: now(),
        };
        let id = alias.id.clone();
        let (i, m) = (instance.clone(), module.clone());
        blocking(&self.app, move |s| s.put_alias(&i, &m, alias, true)).await?;
        Ok(ok(
            json!({"ContactFlowModuleArn": self.flow_arn(&instance, Kind::Module, &module),
                     "Id": id}),
        ))
    }

    async fn alias(&self, instance: &str, module: &str, alias: &str) -> ApiResult<AliasRow> {
        let (i, m) = (instance.to_string(), module.to_string());
        let all = blocking(&self.app, move |s| s.aliases(&i, &m)).await?;
        all.into_iter().find(|a| a.id == alias).ok_or_else(|| {
            ApiError::not_found(format!("flow module {module} has no alias {alias}"))
        })
    }

    pub(super) async fn describe_alias(
        &self,
        inst: &str,
        raw: &str,
        alias: &str,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let module = self.module_id(raw)?;
        let a = self.alias(&instance, &module, alias).await?;
        let arn = self.flow_arn(&instance, Kind::Module, &module);
        let mut info = json!({"ContactFlowModuleId": module, "ContactFlowModuleArn": arn,
            "AliasId": a.id, "Version": a.version, "Name": a.name,
            "LastModifiedRegion": "us-east-1", "LastModifiedTime": a.modified});
        if let Some(d) = &a.description {
            info["Description"] = json!(d);
        }
        Ok(ok(json!({"ContactFlowModuleAlias": info})))
    }

    pub(super) async fn list_aliases(&self, inst: &str, raw: &str) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let module = self.module_id(raw)?;
        let arn = self.flow_arn(&instance, Kind::Module, &module);
        let (i, m) = (instance.clone(), module.clone());
        let all = blocking(&self.app, move |s| s.aliases(&i, &m)).await?;
        let list: Vec<Value> = all
            .iter()
            .map(|a| {
                let mut s = json!({"Arn": format!("{arn}/alias/{}", a.id), "AliasId": a.id,
                    "Version": a.version, "AliasName": a.name, "LastModifiedTime": a.modified});
                if let Some(d) = &a.description {
                    s["AliasDescription"] = json!(d);
                }
                s
            })
            .collect();
        Ok(ok(json!({"ContactFlowModuleAliasSummaryList": list})))
    }

    pub(super) async fn update_alias(
        &self,
        inst: &str,
        raw: &str,
        alias: &str,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let module = self.module_id(raw)?;
        let mut a = self.alias(&instance, &module, alias).await?;
        let body = self.body()?;
        if let Some(n) = body.string("Name")? {
            alias_name_checked(&n)?;
            a.name = n;
        }
        let description = body.string("Description")?;
        description_checked(&description)?;
        if description.is_some() {
            a.description = description;
        }
        if let Some(v) = version_member(&body, false)? {
            a.version = v;
        }
        a.modified = now();
        blocking(&self.app, move |s| {
            s.put_alias(&instance, &module, a, false)
        })
        .await?;
        Ok(ok(json!({})))
    }

    pub(super) async fn delete_alias(
        &self,
        inst: &str,
        raw: &str,
        alias: &str,
    ) -> ApiResult<Response> {
        let instance = self.instance(inst)?;
        let module = self.module_id(raw)?;
        let alias = alias.to_string();
        blocking(&self.app, move |s| {
            s.delete_alias(&instance, &module, &alias)
        })
        .await?;
        Ok(ok(json!({})))
    }
}

fn alias_name_checked(name: &str) -> ApiResult<()> {
    check_length("AliasName", name, 1, 100)?;
    let ok = regex::Regex::new(r"^([$0-9a-zA-Z][_-]?)+$")
        .expect("valid pattern")
        .is_match(name);
    if !ok {
        return Err(ApiError::invalid(format!(
            "AliasName \"{name}\" must be letters, digits and $, each optionally followed by one _ or -"
        )));
    }
    Ok(())
}

fn version_member(body: &Body, required: bool) -> ApiResult<Option<i64>> {
    match body.0.get("ContactFlowModuleVersion") {
        None | Some(Value::Null) if required => {
            Err(ApiError::invalid("ContactFlowModuleVersion is required"))
        }
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(v) if v >= 1 => Ok(Some(v)),
            _ => Err(ApiError::invalid(format!(
                "ContactFlowModuleVersion must be a whole number of at least 1, not {n}"
            ))),
        },
        Some(other) => Err(ApiError::invalid(format!(
            "ContactFlowModuleVersion must be a number, not {}",
            json_kind(other)
        ))),
    }
}
