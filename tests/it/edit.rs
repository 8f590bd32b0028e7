//! Tree operations as text edits (`view::edit`): for every operation on every component of
//! the examples and a nested template, the invariants hold: the text parses, `_id`s stay
//! unique, the bytes outside the edit's range are the old ones, one inverse edit restores
//! the old bytes, and the selection lands on the component the operation was about.

use std::collections::HashSet;

use connect_views::view::ViewDocument;
use connect_views::view::edit::{self, Edit, Place};
use connect_views::view::tree::{NodeId, Tree};

use crate::common::example;

const NESTED: &str = r#"{
  "Head": {"Title": "Refund", "Configuration": {"Layout": {"Columns": ["12"]}}},
  "Body": [
    {
      "_id": "form",
      "Type": "Form",
      "Props": {"HideBorder": false},
      "Content": [
        {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Label": "Reason", "Options": [{"Label": "Billing", "Value": "Billing"}]}, "Content": []},
        {
          "_id": "amount",
          "Type": "FormInput",
          "Props": {"Name": "Amount", "Label": "Amount", "InputType": "number"}
        },
        "a text item",
        {"_id": "send", "Type": "FormSubmitButton", "Props": {"Action": "Submit"}, "Content": ["Send"]}
      ]
    },
    {"_id": "section", "Type": "Container", "Props": {}, "Content": []},
    {
      "_id": "note",
      "Type": "TextBox",
      "Props": {},
      "Content": ["Thanks"]
    }
  ]
}"#;

fn ids(tree: &Tree) -> Vec<String> {
    tree.preorder()
        .into_iter()
        .filter_map(|n| tree.get(n).id.as_deref().map(str::to_string))
        .collect()
}

/// The invariants of one edit; returns the new text.
fn check(old: &str, e: &Edit, about: Option<&str>) -> String {
    let new = e.apply(old);
    assert_eq!(&new[..e.range.start], &old[..e.range.start], "{}", e.label);
    assert_eq!(
        &new[e.range.start + e.text.len()..],
        &old[e.range.end..],
        "{}",
        e.label
    );
    let (_, problems) = connect_views::view::json::parse(&new, "/Template")
        .unwrap_or_else(|d| panic!("{} does not parse: {d:?}\n{new}", e.label));
    assert!(problems.is_empty(), "{}: {problems:?}\n{new}", e.label);
    let tree = Tree::parse(&new).unwrap();
    let all = ids(&tree);
    let distinct: HashSet<&String> = all.iter().collect();
    assert_eq!(
        distinct.len(),
        all.len(),
        "{}: duplicate _ids {all:?}",
        e.label
    );
    // One inverse edit brings the old bytes back.
    let undo = Edit {
        range: e.range.start..e.range.start + e.text.len(),
        text: old[e.range.clone()].to_string(),
        select: None,
        label: String::new(),
    };
    assert_eq!(undo.apply(&new), old, "{}", e.label);
    if let (Some(at), Some(id)) = (e.select, about) {
        let n = tree
            .node_at(at)
            .unwrap_or_else(|| panic!("{}: nothing at {at}", e.label));
        assert_eq!(tree.get(n).span.start, at, "{}", e.label);
        assert_eq!(tree.get(n).id.as_deref(), Some(id), "{}\n{new}", e.label);
    }
    new
}

fn texts() -> Vec<(String, String)> {
    let mut out = vec![("nested".to_string(), NESTED.to_string())];
    for name in [
        "order-cards.view.json",
        "customer-detail.view.json",
        "callback-form.view.json",
    ] {
        let doc = ViewDocument::load(&example(name)).unwrap();
        out.push((name.to_string(), doc.template));
    }
    out
}

#[test]
fn every_operation_on_every_component_keeps_the_invariants() {
    let mut done = 0;
    for (name, text) in texts() {
        let tree = Tree::parse(&text).unwrap();
        for n in tree.preorder() {
            let id = tree.get(n).id.as_deref().map(str::to_string);
            let id = id.as_deref();
            let ops: Vec<(Result<Edit, String>, Option<String>)> = vec![
                (edit::delete(&text, &tree, n), None),
                (
                    edit::move_sibling(&text, &tree, n, true),
                    id.map(Into::into),
                ),
                (
                    edit::move_sibling(&text, &tree, n, false),
                    id.map(Into::into),
                ),
                (edit::nest(&text, &tree, n), id.map(Into::into)),
                (edit::unnest(&text, &tree, n), id.map(Into::into)),
                (
                    edit::rename_id(&text, &tree, n, "renamed_one"),
                    Some("renamed_one".into()),
                ),
                (edit::duplicate(&text, &tree, n), None),
            ];
            for (result, about) in ops {
                if let Ok(e) = result {
                    check(&text, &e, about.as_deref());
                    done += 1;
                }
            }
        }
        assert!(done > 0, "{name}");
    }
    assert!(done >= 60, "{done} edits checked");
}

#[test]
fn moves_nests_and_copies_do_what_they_say() {
    let tree = Tree::parse(NESTED).unwrap();
    let at = |t: &Tree, id: &str| t.by_id(id).unwrap();
    let order = |text: &str, parent: Option<&str>| -> Vec<String> {
        let t = Tree::parse(text).unwrap();
        let kids: Vec<NodeId> = match parent {
            None => t.body.clone(),
            Some(p) => t.children(t.by_id(p).unwrap()).collect(),
        };
        kids.iter()
            .map(|&k| t.get(k).id.as_deref().unwrap().to_string())
            .collect()
    };

    // Up: amount goes before reason.
    let e = edit::move_sibling(NESTED, &tree, at(&tree, "amount"), true).unwrap();
    let up = check(NESTED, &e, Some("amount"));
    assert_eq!(order(&up, Some("form")), ["amount", "reason", "send"]);
    assert_eq!(e.label, "move amount up");

    // Nest the container into the form (its previous sibling), then take it out again.
    let e = edit::nest(NESTED, &tree, at(&tree, "section")).unwrap();
    let nested = check(NESTED, &e, Some("section"));
    assert_eq!(
        order(&nested, Some("form")),
        ["reason", "amount", "send", "section"]
    );
    assert_eq!(order(&nested, None), ["form", "note"]);
    let t2 = Tree::parse(&nested).unwrap();
    let e = edit::unnest(&nested, &t2, at(&t2, "section")).unwrap();
    let back = check(&nested, &e, Some("section"));
    assert_eq!(order(&back, None), ["form", "section", "note"]);

    // Nest note into section, which has an empty Content: it gets one line of its own.
    let e = edit::nest(NESTED, &tree, at(&tree, "note")).unwrap();
    let into_empty = check(NESTED, &e, Some("note"));
    assert_eq!(order(&into_empty, Some("section")), ["note"]);
    // Amount has no Content at all: nesting send's neighbour into it adds one.
    let t3 = Tree::parse(NESTED).unwrap();
    let e = edit::insert(
        NESTED,
        &t3,
        Place::LastChild(at(&t3, "amount")),
        "{\"_id\": \"hint\", \"Type\": \"TextBox\", \"Props\": {}, \"Content\": [\"x\"]}",
        "insert".into(),
    )
    .unwrap();
    let added = check(NESTED, &e, Some("hint"));

    assert_eq!(order(&added, Some("amount")), ["hint"]);

    // A duplicate of the form renames every _id inside the copy.
    let e = edit::duplicate(NESTED, &tree, at(&tree, "form")).unwrap();
    let dup = check(NESTED, &e, Some("form_2"));
    assert_eq!(order(&dup, None), ["form", "form_2", "section", "note"]);
    assert_eq!(
        order(&dup, Some("form_2")),
        ["reason_2", "amount_2", "send_2"]
    );
    // ... and every field Name, so the copies do not collide in ViewResultData.
    let names = |text: &str| {
        let t = Tree::parse(text).unwrap();
        let mut v = t.field_names();
        v.sort();
        v
    };
    assert_eq!(names(&dup), ["Amount", "Amount_2", "Reason", "Reason_2"]);

    // Refusals say why and change nothing.
    assert!(
        edit::move_sibling(NESTED, &tree, at(&tree, "form"), true)
            .unwrap_err()
            .contains("already first")
    );
    assert!(
        edit::unnest(NESTED, &tree, at(&tree, "form"))
            .unwrap_err()
            .contains("top of Body")
    );
    assert!(
        edit::rename_id(NESTED, &tree, at(&tree, "form"), "note")
            .unwrap_err()
            .contains("another component")
    );
}

/// A small deterministic generator (no dependency): the same sequences on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn random_operation_sequences_undo_to_the_original_bytes() {
    for (name, original) in texts() {
        for seed in 0..40u64 {
            let mut rng = Lcg(seed * 7919 + 17);
            let mut text = original.clone();
            let mut undo: Vec<Edit> = Vec::new();
            for _ in 0..25 {
                let tree = Tree::parse(&text).unwrap();
                let nodes = tree.preorder();
                if nodes.is_empty() {
                    break;
                }
                let n = nodes[rng.next(nodes.len())];
                let result = match rng.next(7) {
                    0 => edit::move_sibling(&text, &tree, n, true),
                    1 => edit::move_sibling(&text, &tree, n, false),
                    2 => edit::nest(&text, &tree, n),
                    3 => edit::unnest(&text, &tree, n),
                    4 => edit::duplicate(&text, &tree, n),
                    5 if nodes.len() > 3 => edit::delete(&text, &tree, n),
                    _ => edit::rename_id(&text, &tree, n, &format!("r{}", rng.next(1000))),
                };
                let Ok(e) = result else { continue };
                let new = check(&text, &e, None);
                undo.push(Edit {
                    range: e.range.start..e.range.start + e.text.len(),
                    text: text[e.range.clone()].to_string(),
                    select: None,
                    label: e.label.clone(),
                });
                text = new;
            }
            while let Some(u) = undo.pop() {
                text = u.apply(&text);
            }
            assert_eq!(text, original, "{name}, seed {seed}");
        }
    }
}

/// A copy's conditions read the copy's fields: duplicating a section whose text area is
/// shown by its dropdown makes the copy's text area follow the copy's dropdown.
#[test]
fn a_copy_renames_its_field_names_and_the_conditions_reading_them() {
    let text = r#"{
  "Body": [
    {
      "_id": "sec",
      "Type": "Container",
      "Props": {},
      "Content": [
        {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "Reason", "Label": "Reason", "Options": [{"Label": "Other", "Value": "other"}]}, "Content": []},
        {"_id": "details", "Type": "TextArea", "Props": {"Name": "Details", "Label": "Details", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "Reason", "ElementByValue": "other"}}]}}, "Content": []}
      ]
    },
    {"_id": "outside", "Type": "TextArea", "Props": {"Name": "Notes", "Label": "Notes", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "Reason", "ElementByValue": "other"}}]}}, "Content": []}
  ]
}"#;
    let tree = Tree::parse(text).unwrap();
    let e = edit::duplicate(text, &tree, tree.by_id("sec").unwrap()).unwrap();
    let new = check(text, &e, Some("sec_2"));
    let t = Tree::parse(&new).unwrap();
    let key = |id: &str| {
        let v = t
            .get(t.by_id(id).unwrap())
            .prop("Visibility")
            .unwrap()
            .to_serde();
        v["Conditions"][0]["Equals"]["ElementByKey"].clone()
    };
    assert_eq!(key("details"), "Reason");
    assert_eq!(key("details_2"), "Reason_2");
    assert_eq!(
        key("outside"),
        "Reason",
        "a condition outside the copy is left alone"
    );
    let name = |id: &str| t.get(t.by_id(id).unwrap()).prop("Name").unwrap().to_serde();
    assert_eq!(name("reason_2"), "Reason_2");
    assert_eq!(name("details_2"), "Details_2");
}

/// What the designer writes keeps a canonical template canonical (`fmt --check` passes after
/// a session of no-code editing): a condition or an option given as one-line JSON is laid
/// out like the rest, a prop added to empty Props opens the object, and a quick fix's
/// required prop goes on its own line.
#[test]
fn edits_keep_a_canonical_template_canonical() {
    let canonical = connect_views::view::template::pretty(NESTED).unwrap();
    let is_canonical = |text: &str, what: &str| {
        assert_eq!(
            connect_views::view::template::pretty(text).unwrap(),
            text,
            "{what} left the template out of its canonical form"
        );
    };
    let tree = Tree::parse(&canonical).unwrap();
    let at = |t: &Tree, id: &str| t.by_id(id).unwrap();
    let condition =
        r#"{"Conditions":[{"Equals":{"ElementByKey":"Reason","ElementByValue":"Billing"}}]}"#;
    let steps: Vec<(&str, Edit)> = vec![
        (
            "a new condition",
            edit::set_prop(
                &canonical,
                &tree,
                at(&tree, "amount"),
                "Visibility",
                condition,
            )
            .unwrap(),
        ),
        (
            "a condition replacing a value",
            edit::set_prop(
                &canonical,
                &tree,
                at(&tree, "form"),
                "HideBorder",
                condition,
            )
            .unwrap(),
        ),
        (
            "a prop in empty Props",
            edit::set_prop(
                &canonical,
                &tree,
                at(&tree, "section"),
                "HideBorder",
                "true",
            )
            .unwrap(),
        ),
        (
            "an option as one line",
            edit::list_add(
                &canonical,
                &tree,
                at(&tree, "reason"),
                "Options",
                None,
                r#"{"Label":"Other","Value":"Other"}"#,
            )
            .unwrap(),
        ),
        (
            "an option replaced",
            edit::list_set(
                &canonical,
                &tree,
                at(&tree, "reason"),
                "Options",
                0,
                r#"{"Label":"Bills","Value":"Billing"}"#,
            )
            .unwrap(),
        ),
        (
            "a duplicate",
            edit::duplicate(&canonical, &tree, at(&tree, "amount")).unwrap(),
        ),
    ];
    for (what, e) in steps {
        is_canonical(&e.apply(&canonical), what);
    }
    // A quick fix adding a required prop (the amount field without its Label).
    let broken = canonical.replace("            \"Label\": \"Amount\",\n", "");
    is_canonical(&broken, "taking the Label out");
    assert_ne!(broken, canonical);
    let doc = connect_views::view::ViewDocument::new("x", broken.clone());
    let d = connect_views::view::validate(&doc, connect_views::view::Level::Published)
        .into_iter()
        .find(|d| d.code == connect_views::view::Code::RequiredProp)
        .expect("the Label is missing");
    let t = Tree::parse(&broken).unwrap();
    let fix = connect_views::view::fix::quick_fix(
        &d,
        &broken,
        Some(&t),
        connect_views::view::Catalog::builtin(),
    )
    .expect("a fix");
    let connect_views::view::fix::Fix::Edit(e) = fix.fix else {
        panic!("{fix:?}")
    };
    is_canonical(&e.apply(&broken), "the required-prop fix");
}
