//! SearchViews' criteria and tag filter, as the model defines them: `ViewSearchCriteria`
//! (`OrConditions`, `AndConditions`, `StringCondition` on name or description,
//! `ViewTypeCondition`, `ViewStatusCondition`) and `ViewSearchFilter.AttributeFilter` (tag
//! conditions: one, an AND list, or an OR of AND lists). Parsed (and checked) once, then
//! matched against each view.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::model::{Status, ViewType};
use super::wire::{ApiError, ApiResult, json_kind};

/// What a criterion is matched against.
pub struct Candidate<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub view_type: ViewType,
    pub status: Status,
    pub tags: Option<&'a IndexMap<String, String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    Description,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Comparison {
    StartsWith,
    Contains,
    Exact,
}

/// One `ViewSearchCriteria`: every member it holds must hold.
#[derive(Debug, Clone, Default)]
pub struct Criteria {
    or: Vec<Criteria>,
    and: Vec<Criteria>,
    string: Option<(Field, String, Comparison)>,
    view_type: Option<ViewType>,
    status: Option<Status>,
}

/// The tag filter: every condition of one of the OR groups holds (a lone AND list or tag
/// condition is one group).
#[derive(Debug, Clone, Default)]
pub struct TagFilter {
    groups: Vec<Vec<(String, String)>>,
}

fn object<'v>(value: &'v Value, at: &str) -> ApiResult<&'v Map<String, Value>> {
    match value {
        Value::Object(o) => Ok(o),
        other => Err(ApiError::invalid(format!(
            "{at} must be an object, not {}",
            json_kind(other)
        ))),
    }
}

fn array<'v>(value: &'v Value, at: &str) -> ApiResult<&'v Vec<Value>> {
    match value {
        Value::Array(a) => Ok(a),
        other => Err(ApiError::invalid(format!(
            "{at} must be an array, not {}",
            json_kind(other)
        ))),
    }
}

fn string<'v>(value: &'v Value, at: &str) -> ApiResult<&'v str> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(ApiError::invalid(format!(
            "{at} must be a string, not {}",
            json_kind(other)
        ))),
    }
}

impl Criteria {
    pub fn parse(value: &Value, at: &str) -> ApiResult<Criteria> {
        let o = object(value, at)?;
        let mut c = Criteria::default();
        for (key, v) in o {
            let here = format!("{at}.{key}");
            match key.as_str() {
                "OrConditions" | "AndConditions" => {
                    let list = array(v, &here)?
                        .iter()
                        .enumerate()
                        .map(|(i, item)| Criteria::parse(item, &format!("{here}[{i}]")))
                        .collect::<ApiResult<Vec<_>>>()?;
                    if key == "OrConditions" {
                        c.or = list;
                    } else {
                        c.and = list;
                    }
                }
                "StringCondition" => {
                    let s = object(v, &here)?;
                    let member = |m: &str| -> ApiResult<&str> {
                        match s.get(m) {
                            Some(v) => string(v, &format!("{here}.{m}")),
                            None => Err(ApiError::invalid(format!("{here}.{m} is required"))),
                        }
                    };
                    let field = match member("FieldName")?.to_ascii_lowercase().as_str() {
                        "name" => Field::Name,
                        "description" => Field::Description,
                        other => {
                            return Err(ApiError::invalid(format!(
                                "{here}.FieldName \"{other}\" is not searchable: use name or \
                                 description"
                            )));
                        }
                    };
                    let comparison = match member("ComparisonType")? {
                        "STARTS_WITH" => Comparison::StartsWith,
                        "CONTAINS" => Comparison::Contains,
                        "EXACT" => Comparison::Exact,
                        other => {
                            return Err(ApiError::invalid(format!(
                                "{here}.ComparisonType must be STARTS_WITH, CONTAINS or EXACT, \
                                 not \"{other}\""
                            )));
                        }
                    };
                    c.string = Some((field, member("Value")?.to_string(), comparison));
                }
                "ViewTypeCondition" => c.view_type = Some(ViewType::parse(string(v, &here)?)?),
                "ViewStatusCondition" => {
                    c.status = Some(super::model::parse_status(string(v, &here)?)?)
                }
                other => {
                    return Err(ApiError::invalid(format!(
                        "{at}: \"{other}\" is not a member of ViewSearchCriteria"
                    )));
                }
            }
        }
        Ok(c)
    }

    pub fn matches(&self, v: &Candidate<'_>) -> bool {
        if !self.or.is_empty() && !self.or.iter().any(|c| c.matches(v)) {
            return false;
        }
        if !self.and.iter().all(|c| c.matches(v)) {
            return false;
        }
        if let Some((field, value, comparison)) = &self.string {
            let text = match field {
                Field::Name => v.name,
                Field::Description => v.description.unwrap_or(""),
            };
            // STARTS_WITH and CONTAINS ignore case, as a person searching expects; EXACT does not.
            let hit = match comparison {
                Comparison::Exact => text == value,
                Comparison::StartsWith => text.to_lowercase().starts_with(&value.to_lowercase()),
                Comparison::Contains => text.to_lowercase().contains(&value.to_lowercase()),
            };
            if !hit {
                return false;
            }
        }
        self.view_type.is_none_or(|t| t == v.view_type) && self.status.is_none_or(|s| s == v.status)
    }
}

fn tag_conditions(value: &Value, at: &str) -> ApiResult<Vec<(String, String)>> {
    array(value, at)?
        .iter()
        .enumerate()
        .map(|(i, t)| tag_condition(t, &format!("{at}[{i}]")))
        .collect()
}

fn tag_condition(value: &Value, at: &str) -> ApiResult<(String, String)> {
    let o = object(value, at)?;
    let get = |m: &str| -> ApiResult<String> {
        match o.get(m) {
            Some(v) => Ok(string(v, &format!("{at}.{m}"))?.to_string()),
            None => Err(ApiError::invalid(format!("{at}.{m} is required"))),
        }
    };
    Ok((get("TagKey")?, get("TagValue")?))
}

impl TagFilter {
    /// `SearchFilter`: `{AttributeFilter: {OrConditions | AndCondition | TagCondition}}`.
    pub fn parse(value: &Value) -> ApiResult<TagFilter> {
        let o = object(value, "SearchFilter")?;
        let mut filter = TagFilter::default();
        for (key, v) in o {
            if key != "AttributeFilter" {
                return Err(ApiError::invalid(format!(
                    "SearchFilter: \"{key}\" is not a member of ViewSearchFilter"
                )));
            }
            for (k, c) in object(v, "SearchFilter.AttributeFilter")? {
                let at = format!("SearchFilter.AttributeFilter.{k}");
                match k.as_str() {
                    "OrConditions" => {
                        for (i, group) in array(c, &at)?.iter().enumerate() {
                            let g = object(group, &format!("{at}[{i}]"))?;
                            let list = match g.get("TagConditions") {
                                Some(t) => tag_conditions(t, &format!("{at}[{i}].TagConditions"))?,
                                None => Vec::new(),
                            };
                            filter.groups.push(list);
                        }
                    }
                    "AndCondition" => {
                        let g = object(c, &at)?;
                        if let Some(t) = g.get("TagConditions") {
                            filter
                                .groups
                                .push(tag_conditions(t, &format!("{at}.TagConditions"))?);
                        }
                    }
                    "TagCondition" => filter.groups.push(vec![tag_condition(c, &at)?]),
                    other => {
                        return Err(ApiError::invalid(format!(
                            "{at}: \"{other}\" is not a member of ControlPlaneAttributeFilter"
                        )));
                    }
                }
            }
        }
        Ok(filter)
    }

    pub fn matches(&self, tags: Option<&IndexMap<String, String>>) -> bool {
        if self.groups.is_empty() {
            return true;
        }
        let Some(tags) = tags else {
            return false;
        };
        self.groups
            .iter()
            .any(|g| g.iter().all(|(k, v)| tags.get(k) == Some(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn view<'a>(name: &'a str, tags: &'a IndexMap<String, String>) -> Candidate<'a> {
        Candidate {
            name,
            description: Some("Refunds and reshipments"),
            view_type: ViewType::CustomerManaged,
            status: Status::Published,
            tags: Some(tags),
        }
    }

    #[test]
    fn criteria_nest_and_match() {
        let tags = IndexMap::from([("team".to_string(), "support".to_string())]);
        let c = Criteria::parse(
            &json!({"OrConditions": [
                {"StringCondition": {"FieldName": "name", "Value": "ord", "ComparisonType": "STARTS_WITH"}},
                {"AndConditions": [
                    {"StringCondition": {"FieldName": "description", "Value": "refund", "ComparisonType": "CONTAINS"}},
                    {"ViewStatusCondition": "PUBLISHED"}
                ]}
            ], "ViewTypeCondition": "CUSTOMER_MANAGED"}),
            "SearchCriteria",
        )
        .unwrap();
        assert!(c.matches(&view("Orders", &tags)));
        assert!(
            c.matches(&view("Returns", &tags)),
            "through the description"
        );
        let exact = Criteria::parse(
            &json!({"StringCondition": {"FieldName": "Name", "Value": "orders", "ComparisonType": "EXACT"}}),
            "SearchCriteria",
        )
        .unwrap();
        assert!(!exact.matches(&view("Orders", &tags)), "EXACT keeps case");
        assert!(
            Criteria::parse(
                &json!({"StringCondition": {"FieldName": "arn", "Value": "x", "ComparisonType": "EXACT"}}),
                "SearchCriteria"
            )
            .is_err()
        );
    }

    #[test]
    fn tag_filters_are_an_or_of_ands() {
        let tags = IndexMap::from([
            ("team".to_string(), "support".to_string()),
            ("tier".to_string(), "gold".to_string()),
        ]);
        let f = TagFilter::parse(&json!({"AttributeFilter": {"OrConditions": [
            {"TagConditions": [{"TagKey": "team", "TagValue": "sales"}]},
            {"TagConditions": [{"TagKey": "team", "TagValue": "support"}, {"TagKey": "tier", "TagValue": "gold"}]}
        ]}}))
        .unwrap();
        assert!(f.matches(Some(&tags)));
        let f = TagFilter::parse(
            &json!({"AttributeFilter": {"TagCondition": {"TagKey": "tier", "TagValue": "silver"}}}),
        )
        .unwrap();
        assert!(!f.matches(Some(&tags)));
        assert!(!f.matches(None));
    }
}
