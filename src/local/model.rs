//! The views model: identifiers, ARNs and qualifiers, request-member rules, and
//! the AWS-managed views every instance has.

use std::sync::OnceLock;

use indexmap::IndexMap;
use regex::Regex;
use serde_json::{Map, Value};

use super::wire::{ApiError, ApiResult, check_length, json_kind};
use crate::view::validate::{
    action_problem, description_problem, name_problem, tag_key_problem, tag_value_problem,
};

/// The account id in local ARNs.
pub const LOCAL_ACCOUNT: &str = "000000000000";

/// The service's content limit (template plus actions), in bytes.
pub const CONTENT_LIMIT: usize = crate::view::validate::CONTENT_LIMIT;

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

pub use crate::view::status::{Qualifier, Status};

/// A request's `Status`, checked.
pub fn parse_status(s: &str) -> ApiResult<Status> {
    Status::parse(s)
        .ok_or_else(|| ApiError::invalid(format!("Status must be PUBLISHED or SAVED, not \"{s}\"")))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ViewType {
    AwsManaged,
    CustomerManaged,
}

impl ViewType {
    pub fn as_str(self) -> &'static str {
        match self {
            ViewType::AwsManaged => "AWS_MANAGED",
            ViewType::CustomerManaged => "CUSTOMER_MANAGED",
        }
    }

    pub fn parse(s: &str) -> ApiResult<ViewType> {
        match s {
            "AWS_MANAGED" => Ok(ViewType::AwsManaged),
            "CUSTOMER_MANAGED" => Ok(ViewType::CustomerManaged),
            other => Err(ApiError::invalid(format!(
                "type must be CUSTOMER_MANAGED or AWS_MANAGED, not \"{other}\""
            ))),
        }
    }
}

/// A parsed `ViewId`: a bare id or an ARN, with an optional qualifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ViewRef {
    Customer {
        id: String,
        qualifier: Option<Qualifier>,
    },
    AwsManaged {
        name: String,
        version: Option<i64>,
    },
}

/// Where an endpoint's ARNs live: the partition, region and account they name. An ARN
/// naming any other is not one of its resources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub region: String,
    pub account: String,
}

impl Scope {
    pub const PARTITION: &'static str = "aws";

    /// The ARN of a customer view of `instance`.
    pub fn view_arn(&self, instance: &str, id: &str) -> String {
        format!(
            "arn:{}:connect:{}:{}:instance/{instance}/view/{id}",
            Self::PARTITION,
            self.region,
            self.account
        )
    }

    /// The ARN of an instance.
    pub fn instance_arn(&self, instance: &str) -> String {
        format!(
            "arn:{}:connect:{}:{}:instance/{instance}",
            Self::PARTITION,
            self.region,
            self.account
        )
    }

    /// Whether an ARN's partition, region and account (`aws` for AWS-managed views) are
    /// this endpoint's; `parts` are the fields after `arn:`.
    fn owns(&self, parts: &[&str], managed: bool) -> bool {
        parts.len() >= 4
            && parts[0] == Self::PARTITION
            && parts[2] == self.region
            && parts[3]
                == if managed {
                    "aws"
                } else {
                    self.account.as_str()
                }
    }

    /// The instance id of an `InstanceId` (an id or an instance ARN of this scope).
    pub fn instance(&self, raw: &str) -> ApiResult<String> {
        let id = instance_id(raw)?;
        if let Some(rest) = raw.strip_prefix("arn:") {
            let parts: Vec<&str> = rest.splitn(5, ':').collect();
            if !self.owns(&parts, false) {
                return Err(ApiError::not_found(format!(
                    "instance {raw} not found: this endpoint's ARNs are in {}, account {}",
                    self.region, self.account
                )));
            }
        }
        Ok(id)
    }
}

/// Checks an instance id (or instance ARN) and returns the instance id.
pub fn instance_id(raw: &str) -> ApiResult<String> {
    static P: OnceLock<Regex> = OnceLock::new();
    check_length("InstanceId", raw, 1, 100)?;
    if !regex(&P, r"^[a-zA-Z0-9_\-:/]+$").is_match(raw) {
        return Err(ApiError::invalid(format!(
            "InstanceId \"{raw}\" has characters outside letters, digits and _ - : /"
        )));
    }
    if let Some(rest) = raw.strip_prefix("arn:") {
        return match rest.rsplit_once(":instance/") {
            Some((_, id)) if !id.is_empty() && !id.contains('/') => Ok(id.to_string()),
            _ => Err(ApiError::invalid(format!(
                "InstanceId \"{raw}\" is neither an instance id nor an instance ARN"
            ))),
        };
    }
    Ok(raw.to_string())
}

/// The model's `InstanceIdOrArn` (SearchViews): a UUID, or an instance ARN ending in one.
pub fn is_instance_id_or_arn(raw: &str) -> bool {
    static P: OnceLock<Regex> = OnceLock::new();
    regex(
        &P,
        r"^(arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9]{1}:[0-9]{1,20}:instance/)?[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$",
    )
    .is_match(raw)
}

fn qualifier(raw: &str, q: &str) -> ApiResult<Qualifier> {
    match Qualifier::parse(q) {
        Some(q) => Ok(q),
        None if Qualifier::looks_like(q) => Err(ApiError::invalid(format!(
            "the version in \"{raw}\" is too large"
        ))),
        None => Err(ApiError::invalid(format!(
            "\"{q}\" in ViewId \"{raw}\" is not a qualifier: use $SAVED, $LATEST or a version number"
        ))),
    }
}

/// Parses a `ViewId` path label for `instance`: a bare id (an AWS-managed view by the `Id`
/// ListViews gives it, its name), or an ARN of this scope.
pub fn view_ref(raw: &str, instance: &str, scope: &Scope) -> ApiResult<ViewRef> {
    static P: OnceLock<Regex> = OnceLock::new();
    check_length("ViewId", raw, 1, 500)?;
    if !regex(&P, r"^[a-zA-Z0-9_\-:/$]+$").is_match(raw) {
        return Err(ApiError::invalid(format!(
            "ViewId \"{raw}\" has characters outside letters, digits and _ - : / $"
        )));
    }
    if let Some(rest) = raw.strip_prefix("arn:") {
        // arn:PARTITION:connect:REGION:ACCOUNT:instance/INSTANCE/view/ID[:Q]
        // arn:PARTITION:connect:REGION:aws:view/NAME[:N]
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        if parts.len() == 5 && parts[1] == "connect" {
            let resource = parts[4];
            let managed = parts[3] == "aws" && resource.starts_with("view/");
            if !scope.owns(&parts, managed) {
                return Err(ApiError::not_found(format!(
                    "no view has the ARN \"{raw}\": this endpoint's ARNs are in {}, account {}",
                    scope.region, scope.account
                )));
            }
            if managed && let Some(name) = resource.strip_prefix("view/") {
                let (name, version) = match name.split_once(':') {
                    Some((n, v)) => match qualifier(raw, v)? {
                        Qualifier::Version(v) => (n, Some(v)),
                        _ => (n, None),
                    },
                    None => (name, None),
                };
                return Ok(ViewRef::AwsManaged {
                    name: name.to_string(),
                    version,
                });
            }
            if let Some(rest) = resource.strip_prefix("instance/")
                && let Some((inst, view)) = rest.split_once("/view/")
            {
                if inst != instance {
                    return Err(ApiError::not_found(format!(
                        "the view ARN \"{raw}\" belongs to instance {inst}, not {instance}"
                    )));
                }
                return bare(raw, view);
            }
        }
        return Err(ApiError::invalid(format!("\"{raw}\" is not a view ARN")));
    }
    bare(raw, raw)
}

fn bare(raw: &str, id: &str) -> ApiResult<ViewRef> {
    let (id, q) = match id.split_once(':') {
        Some((id, q)) => (id, Some(qualifier(raw, q)?)),
        None => (id, None),
    };
    if id.is_empty() || id.contains('/') || id.contains('$') {
        return Err(ApiError::invalid(format!("\"{raw}\" is not a view id")));
    }
    // ListViews gives an AWS-managed view its name as its Id; customer ids are UUIDs.
    if let Some(m) = ManagedView::find(id) {
        let version = match q {
            None | Some(Qualifier::Latest) => None,
            Some(Qualifier::Version(n)) => Some(n),
            // An AWS-managed view has no saved draft.
            Some(Qualifier::Saved) => Some(0),
        };
        return Ok(ViewRef::AwsManaged {
            name: m.name.to_string(),
            version,
        });
    }
    Ok(ViewRef::Customer {
        id: id.to_string(),
        qualifier: q,
    })
}

pub fn check_name(name: &str) -> ApiResult<()> {
    match name_problem(name) {
        Some(p) => Err(ApiError::invalid(format!("Name: {p}"))),
        None => Ok(()),
    }
}

pub fn check_description(member: &str, d: &str) -> ApiResult<()> {
    match description_problem(d) {
        Some(p) => Err(ApiError::invalid(format!("{member}: {p}"))),
        None => Ok(()),
    }
}

pub fn check_client_token(token: &str) -> ApiResult<()> {
    static P: OnceLock<Regex> = OnceLock::new();
    check_length("ClientToken", token, 0, 500)?;
    if !regex(&P, r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$").is_match(token) {
        return Err(ApiError::invalid(
            "ClientToken may hold only letters, digits, spaces and _ . : / = + - @",
        ));
    }
    Ok(())
}

pub fn check_sha256(sha: &str) -> ApiResult<()> {
    static P: OnceLock<Regex> = OnceLock::new();
    if !regex(&P, r"^[a-zA-Z0-9]{1,64}$").is_match(sha) {
        return Err(ApiError::invalid(
            "ViewContentSha256 must be 1 to 64 letters and digits (a hex SHA-256 digest)",
        ));
    }
    Ok(())
}

/// Tags from a request member: at most 50, keys and values within the model's limits.
pub fn tags(member: &str, map: &Map<String, Value>) -> ApiResult<IndexMap<String, String>> {
    if map.is_empty() || map.len() > 50 {
        return Err(ApiError::invalid(format!(
            "{member} must hold 1 to 50 tags, not {}",
            map.len()
        )));
    }
    let mut out = IndexMap::new();
    for (k, v) in map {
        let Value::String(v) = v else {
            return Err(ApiError::invalid(format!(
                "the value of tag \"{k}\" must be a string, not {}",
                json_kind(v)
            )));
        };
        if let Some(p) = tag_key_rule(k) {
            return Err(ApiError::invalid(format!("{member}: {p}")));
        }
        if let Some(p) = tag_value_problem(k, v) {
            return Err(ApiError::invalid(format!("{member}: {p}")));
        }
        out.insert(k.clone(), v.clone());
    }
    Ok(out)
}

/// What is wrong with a tag key under the model's `TagKey` (1–128 characters, its pattern).
pub fn tag_key_rule(key: &str) -> Option<String> {
    tag_key_problem(key)
}

/// `Content`: `{Template, Actions}`, within the 400 kB limit.
pub fn content(map: &Map<String, Value>) -> ApiResult<(String, Vec<String>)> {
    let template = match map.get("Template") {
        None | Some(Value::Null) => {
            return Err(ApiError::invalid("Content.Template is required"));
        }
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Content.Template must be the template as a JSON string, not {}",
                json_kind(other)
            )));
        }
    };
    let actions = match map.get("Actions") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let Value::String(a) = item else {
                    return Err(ApiError::invalid(format!(
                        "Content.Actions[{i}] must be a string, not {}",
                        json_kind(item)
                    )));
                };
                if let Some(p) = action_problem(a) {
                    return Err(ApiError::invalid(format!("Content.Actions[{i}]: {p}")));
                }
                out.push(a.clone());
            }
            out
        }
        Some(other) => {
            return Err(ApiError::invalid(format!(
                "Content.Actions must be an array of strings, not {}",
                json_kind(other)
            )));
        }
    };
    let size = template.len() + actions.iter().map(String::len).sum::<usize>();
    if size > CONTENT_LIMIT {
        return Err(ApiError::invalid(format!(
            "Content is {size} bytes; the limit is {CONTENT_LIMIT}"
        )));
    }
    Ok((template, actions))
}

/// An AWS-managed view: the same in every instance, version 1, read-only.
pub struct ManagedView {
    pub name: &'static str,
    pub title: &'static str,
    pub component: &'static str,
    pub actions: &'static [&'static str],
}

pub const MANAGED_VIEWS: &[ManagedView] = &[
    ManagedView {
        name: "after-contact-work",
        title: "After contact work",
        component: "Form",
        actions: &["Cancel", "Submit"],
    },
    ManagedView {
        name: "cards",
        title: "Cards",
        component: "CardsView",
        actions: &["ActionSelected", "Back", "NoMatchFound"],
    },
    ManagedView {
        name: "confirmation",
        title: "Confirmation",
        component: "ConfirmationView",
        actions: &["Next"],
    },
    ManagedView {
        name: "detail",
        title: "Detail",
        component: "DetailsView",
        actions: &["ActionSelected", "Back"],
    },
    ManagedView {
        name: "form",
        title: "Form",
        component: "FormWithSteps",
        actions: &["Back", "Next", "Step"],
    },
    ManagedView {
        name: "list",
        title: "List",
        component: "ListView",
        actions: &["ActionSelected", "Back"],
    },
];

impl ManagedView {
    pub fn find(name: &str) -> Option<&'static ManagedView> {
        MANAGED_VIEWS.iter().find(|m| m.name == name)
    }

    pub fn arn(&self, scope: &Scope) -> String {
        format!(
            "arn:{}:connect:{}:aws:view/{}",
            Scope::PARTITION,
            scope.region,
            self.name
        )
    }

    /// Its template: AWS's own where it is public (After contact work, as `describe-view`
    /// returns it: `assets/managed/after-contact-work.json`, the same as
    /// `tests/corpus/aws/after-contact-work.json`), else a stand-in of its one component.
    pub fn template(&self) -> String {
        if self.name == "after-contact-work" {
            let t: serde_json::Value =
                serde_json::from_str(include_str!("../../assets/managed/after-contact-work.json"))
                    .expect("assets/managed/after-contact-work.json is JSON");
            return t.to_string();
        }
        serde_json::json!({
            "Head": {"Title": self.title, "Configuration": {}},
            "Body": [{"_id": self.name, "Type": self.component, "Props": {}, "Content": []}]
        })
        .to_string()
    }

    /// The view's `InputSchema`: the documented inputs of the managed view
    /// (`assets/managed-inputs.json`), else the schema derived from its template.
    pub fn input_schema(&self) -> String {
        static SCHEMAS: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
        let all = SCHEMAS.get_or_init(|| {
            serde_json::from_str(include_str!("../../assets/managed-inputs.json"))
                .expect("assets/managed-inputs.json is JSON")
        });
        match all.get("views").and_then(|v| v.get(self.name)) {
            Some(schema) => schema.to_string(),
            None => crate::view::input_schema(
                &crate::view::Template::parse(&self.template())
                    .expect("managed templates are JSON"),
            )
            .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_input_schemas_compile_as_draft_07() {
        for m in MANAGED_VIEWS {
            let schema: serde_json::Value = serde_json::from_str(&m.input_schema()).unwrap();
            assert!(jsonschema::draft7::new(&schema).is_ok(), "{}", m.name);
            assert_eq!(schema["type"], "object", "{}", m.name);
        }
    }

    fn scope() -> Scope {
        Scope {
            region: "us-east-1".into(),
            account: "1".into(),
        }
    }

    fn view_ref(raw: &str, instance: &str) -> ApiResult<ViewRef> {
        super::view_ref(raw, instance, &scope())
    }

    #[test]
    fn arns_of_another_partition_region_or_account_are_not_found() {
        for raw in [
            "arn:aws:connect:eu-west-2:1:instance/i/view/abc",
            "arn:aws:connect:us-east-1:2:instance/i/view/abc",
            "arn:aws-cn:connect:us-east-1:1:instance/i/view/abc",
            "arn:aws:connect:eu-west-2:aws:view/form",
        ] {
            let e = view_ref(raw, "i").unwrap_err();
            assert_eq!(
                e.kind,
                super::super::wire::ErrorKind::ResourceNotFound,
                "{raw}"
            );
        }
        let e = scope()
            .instance("arn:aws:connect:eu-west-2:1:instance/i")
            .unwrap_err();
        assert_eq!(e.kind, super::super::wire::ErrorKind::ResourceNotFound);
        assert_eq!(
            scope()
                .instance("arn:aws:connect:us-east-1:1:instance/i")
                .unwrap(),
            "i"
        );
    }

    #[test]
    fn managed_views_by_their_listed_id() {
        assert_eq!(
            view_ref("cards", "i").unwrap(),
            ViewRef::AwsManaged {
                name: "cards".into(),
                version: None
            }
        );
        assert_eq!(
            view_ref("cards:1", "i").unwrap(),
            ViewRef::AwsManaged {
                name: "cards".into(),
                version: Some(1)
            }
        );
    }

    #[test]
    fn view_ids_ids_arns_and_qualifiers() {
        assert_eq!(
            view_ref("abc:$SAVED", "i").unwrap(),
            ViewRef::Customer {
                id: "abc".into(),
                qualifier: Some(Qualifier::Saved)
            }
        );
        assert_eq!(
            view_ref("arn:aws:connect:us-east-1:1:instance/i/view/abc:7", "i").unwrap(),
            ViewRef::Customer {
                id: "abc".into(),
                qualifier: Some(Qualifier::Version(7))
            }
        );
        assert_eq!(
            view_ref("arn:aws:connect:us-east-1:aws:view/form:1", "i").unwrap(),
            ViewRef::AwsManaged {
                name: "form".into(),
                version: Some(1)
            }
        );
        assert!(view_ref("abc:$NOPE", "i").is_err());
        assert!(view_ref("arn:aws:connect:us-east-1:1:instance/other/view/abc", "i").is_err());
        assert_eq!(
            instance_id("arn:aws:connect:us-east-1:1:instance/inst-1").unwrap(),
            "inst-1"
        );
    }
}
