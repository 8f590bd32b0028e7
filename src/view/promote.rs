//! What a template carries of the instance it lives in, and its rewriting for another:
//! every string value is scanned (where ARNs can appear in a template is not documented),
//! each reference to the source instance (a Connect ARN under it, or its bare id) and, when
//! the accounts differ, each ARN of the source account must be in the map, or the promotion
//! stops before any write, naming where each one is.

use std::sync::LazyLock;

use indexmap::IndexMap;
use regex::Regex;
use serde::Serialize;
use serde_json::Value;

/// Where a template comes from and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refs {
    /// The source instance's id (a UUID).
    pub source_instance: String,
    pub source_account: Option<String>,
    pub target_account: Option<String>,
}

/// A reference to the source left unmapped: what it is and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmapped {
    pub text: String,
    /// The JSON pointer of the string holding it, from the template's root.
    pub pointer: String,
    /// The `_id` of the component it sits in, if any.
    pub component: Option<String>,
    /// Why it has to be mapped.
    pub why: &'static str,
}

/// A replacement made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replaced {
    pub from: String,
    pub to: String,
    pub pointer: String,
}

/// Any ARN (its account is the fifth field).
static ARN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12})?:[A-Za-z0-9_/.:$@+=,-]+")
        .expect("the ARN pattern compiles")
});

/// The instance id inside an instance ARN (or the id itself).
pub fn instance_id_of(instance: &str) -> String {
    match instance.rsplit_once("instance/") {
        Some((_, id)) => id.split('/').next().unwrap_or(id).to_ascii_lowercase(),
        None => instance.to_ascii_lowercase(),
    }
}

/// The account of an ARN.
pub fn account_of(arn: &str) -> Option<String> {
    let account = arn.split(':').nth(4)?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        .then(|| account.to_string())
}

/// The template with every mapped reference replaced (keys longest first), or every
/// reference to the source left unmapped. `template` is JSON text; the result is compact.
pub fn rewrite(
    template: &str,
    refs: &Refs,
    map: &IndexMap<String, String>,
) -> Result<(String, Vec<Replaced>), Vec<Unmapped>> {
    let mut value: Value = match serde_json::from_str(template) {
        Ok(v) => v,
        // Not JSON: nothing to read references from; the service will say what is wrong.
        Err(_) => return Ok((template.to_string(), Vec::new())),
    };
    let mut keys: Vec<(&String, &String)> = map.iter().collect();
    keys.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
    let mut replaced = Vec::new();
    let mut unmapped = Vec::new();
    walk(
        &mut value,
        &mut String::new(),
        None,
        &mut |s, pointer, component| {
            for (from, to) in &keys {
                if s.contains(from.as_str()) {
                    *s = s.replace(from.as_str(), to);
                    replaced.push(Replaced {
                        from: (*from).clone(),
                        to: (*to).clone(),
                        pointer: pointer.to_string(),
                    });
                }
            }
            for (text, why) in source_refs(s, refs) {
                unmapped.push(Unmapped {
                    text,
                    pointer: pointer.to_string(),
                    component: component.map(str::to_string),
                    why,
                });
            }
        },
    );
    if unmapped.is_empty() {
        Ok((value.to_string(), replaced))
    } else {
        Err(unmapped)
    }
}

/// The references to the source in one string.
fn source_refs(s: &str, refs: &Refs) -> Vec<(String, &'static str)> {
    let instance = refs.source_instance.to_ascii_lowercase();
    // Another account's ARNs are only known to be the source's when both accounts are
    // known (a Lambda of the same account is the same in both instances).
    let other_account = match (&refs.source_account, &refs.target_account) {
        (Some(a), Some(b)) if a != b => Some(a.as_str()),
        _ => None,
    };
    let mut out = Vec::new();
    let mut covered = Vec::new();
    for m in ARN.find_iter(s) {
        let arn = m.as_str();
        if arn.to_ascii_lowercase().contains(&instance) {
            out.push((arn.to_string(), "an ARN under the source instance"));
            covered.push(m.range());
        } else if other_account.is_some() && account_of(arn).as_deref() == other_account {
            out.push((arn.to_string(), "an ARN of the source account"));
            covered.push(m.range());
        }
    }
    let lower = s.to_ascii_lowercase();
    for (at, _) in lower.match_indices(&instance) {
        if !covered.iter().any(|r| r.contains(&at)) {
            out.push((
                s[at..at + instance.len()].to_string(),
                "the source instance's id",
            ));
        }
    }
    out
}

/// Calls `f` on every string value with its pointer and the enclosing component's `_id`.
fn walk(
    v: &mut Value,
    pointer: &mut String,
    component: Option<&str>,
    f: &mut impl FnMut(&mut String, &str, Option<&str>),
) {
    match v {
        Value::String(s) => f(s, pointer, component),
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{i}"));
                walk(item, pointer, component, f);
                pointer.truncate(len);
            }
        }
        Value::Object(map) => {
            let id = map.get("_id").and_then(Value::as_str).map(str::to_string);
            let here = id.as_deref().or(component);
            for (k, item) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&k.replace('~', "~0").replace('/', "~1"));
                walk(item, pointer, here, f);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "aaaaaaaa-1111-4111-8111-111111111111";
    const FLOW: &str = "arn:aws:connect:us-east-1:111111111111:instance/aaaaaaaa-1111-4111-8111-111111111111/contact-flow/f1";
    const TARGET_FLOW: &str = "arn:aws:connect:eu-west-2:222222222222:instance/bbbbbbbb-2222-4222-8222-222222222222/contact-flow/f9";

    fn refs(target_account: &str) -> Refs {
        Refs {
            source_instance: SRC.into(),
            source_account: Some("111111111111".into()),
            target_account: Some(target_account.into()),
        }
    }

    fn template(props: &str) -> String {
        format!(
            r#"{{"Head":{{"Title":"t","Configuration":{{}}}},"Body":[{{"_id":"go","Type":"Button","Props":{props},"Content":["Go"]}}]}}"#
        )
    }

    #[test]
    fn mapped_references_are_replaced_and_unmapped_ones_say_where() {
        let t = template(&format!(
            r#"{{"Action":"Go","ContactFlowId":"{FLOW}","Note":"instance {SRC}","Fn":"arn:aws:lambda:us-east-1:111111111111:function:f"}}"#
        ));
        let err = rewrite(&t, &refs("222222222222"), &IndexMap::new()).unwrap_err();
        let found: Vec<(&str, &str, &str)> = err
            .iter()
            .map(|u| (u.text.as_str(), u.pointer.as_str(), u.why))
            .collect();
        assert_eq!(
            found,
            [
                (
                    FLOW,
                    "/Body/0/Props/ContactFlowId",
                    "an ARN under the source instance"
                ),
                (SRC, "/Body/0/Props/Note", "the source instance's id"),
                (
                    "arn:aws:lambda:us-east-1:111111111111:function:f",
                    "/Body/0/Props/Fn",
                    "an ARN of the source account"
                ),
            ]
        );
        assert!(err.iter().all(|u| u.component.as_deref() == Some("go")));

        let map: IndexMap<String, String> = [
            (FLOW.to_string(), TARGET_FLOW.to_string()),
            (
                SRC.to_string(),
                "bbbbbbbb-2222-4222-8222-222222222222".to_string(),
            ),
            (
                "arn:aws:lambda:us-east-1:111111111111:function:f".to_string(),
                "arn:aws:lambda:eu-west-2:222222222222:function:f".to_string(),
            ),
        ]
        .into_iter()
        .collect();
        let (out, replaced) = rewrite(&t, &refs("222222222222"), &map).unwrap();
        assert!(out.contains(TARGET_FLOW) && !out.contains(SRC) && !out.contains("111111111111"));
        assert_eq!(replaced.len(), 3);
    }

    #[test]
    fn the_same_account_keeps_its_other_arns_and_a_clean_template_is_untouched() {
        let lambda = "arn:aws:lambda:us-east-1:111111111111:function:f";
        let t = template(&format!(r#"{{"Action":"Go","Fn":"{lambda}"}}"#));
        let (out, replaced) = rewrite(&t, &refs("111111111111"), &IndexMap::new()).unwrap();
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            serde_json::from_str::<Value>(&t).unwrap()
        );
        assert!(replaced.is_empty());
    }

    #[test]
    fn instance_ids_and_accounts_are_read_from_arns() {
        assert_eq!(
            instance_id_of(
                "arn:aws:connect:us-east-1:111111111111:instance/AAAAAAAA-1111-4111-8111-111111111111"
            ),
            SRC
        );
        assert_eq!(instance_id_of(SRC), SRC);
        assert_eq!(account_of(FLOW).as_deref(), Some("111111111111"));
        assert_eq!(account_of("arn:aws:s3:::bucket"), None);
    }
}
