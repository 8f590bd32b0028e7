//! The component palette: ranking, skeletons, and inserting from the designer.

use connect_views::tui::state::{Pane, Popup};
use connect_views::tui::update::update;
use connect_views::view::palette::{entries, rank, snippet};
use connect_views::view::tree::Tree;
use connect_views::view::{Catalog, Level, ViewDocument, validate};
use crossterm::event::KeyCode;

use crate::common::tui::{chars, ctrl, goto_line_of, key, state_for, validate_now};

fn first(query: &str) -> String {
    let all = entries(Catalog::builtin());
    rank(query, &all)
        .first()
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

#[test]
fn the_palette_ranks_what_was_meant_first() {
    assert_eq!(first("crd"), "Card");
    assert_eq!(first("card"), "Card");
    assert_eq!(first("cards"), "Cards");
    assert_eq!(first("form"), "Form");
    assert_eq!(first("fi"), "FormInput");
    assert_eq!(first("drop"), "Dropdown");
    assert_eq!(first("tgl"), "Toggle");
    assert_eq!(first("card list"), "card list");
    let all = entries(Catalog::builtin());
    let top: Vec<&str> = rank("attr bar", &all)
        .iter()
        .take(2)
        .map(|e| e.name.as_str())
        .collect();
    assert!(
        top.contains(&"AttributeBar") && top.contains(&"attribute bar bound to inputs"),
        "{top:?}"
    );
    assert_eq!(first("form with"), "form with fields and a submit button");
    assert!(rank("zzzq", &all).is_empty());
    assert_eq!(
        rank("", &all).len(),
        all.len(),
        "an empty query lists everything"
    );
}

/// Every skeleton, inserted into the starter view, validates at the published level with no
/// error other than an action the view does not list yet (a warning anyway).
#[test]
fn every_skeleton_is_a_valid_component() {
    let catalog = Catalog::builtin();
    for entry in entries(catalog) {
        let mut s = state_for("order-cards.view.json");
        validate_now(&mut s);
        let connect_views::tui::popups::Inserted { edit, raised, .. } =
            connect_views::tui::popups::insert_entry(&s.cx(), &entry)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.name));
        let text = edit.apply(&s.doc.editor.text());
        let tree = Tree::parse(&text).unwrap_or_else(|| panic!("{} does not parse", entry.name));
        let mut doc = ViewDocument::new("Skeletons", text.clone());
        doc.actions = vec!["Refund".into(), "Reship".into(), "Skip".into()];
        // The insert brings the actions it raises into the list.
        for a in raised {
            if !doc.actions.contains(&a) {
                doc.actions.push(a);
            }
        }
        let unlisted: Vec<String> = validate(&doc, Level::Published)
            .into_iter()
            .filter(|d| d.code == connect_views::view::Code::ActionNotListed)
            .map(|d| d.message)
            .collect();
        assert!(unlisted.is_empty(), "{}: {unlisted:?}", entry.name);
        let errors: Vec<String> = validate(&doc, Level::Published)
            .into_iter()
            .filter(|d| d.is_error())
            // The AWS-managed composite types hold managed props; placed in a Container
            // they are the user's to fill.
            .filter(|_| {
                !matches!(
                    entry.name.as_str(),
                    "Detail" | "Cards" | "List" | "Confirmation"
                )
            })
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}\n{text}", entry.name);
        assert!(tree.node_count() > 5, "{}", entry.name);
        let mut ids = connect_views::view::edit::Ids::new(&tree);
        assert!(snippet(catalog, &entry, &mut ids).is_some());
    }
}

#[test]
fn ctrl_o_finds_a_type_and_inserts_it_after_the_selected_component() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    // The cursor on the refund card (not a container): the new card goes after it.
    goto_line_of(&mut s, "refund_card");
    update(&mut s, ctrl('o'));
    assert!(matches!(s.popups.top(), Some(Popup::Palette(_))));
    for e in chars("crd") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    // A card asks for the action it raises; Esc leaves it without one.
    assert!(
        matches!(s.popups.top(), Some(Popup::Picker(_))),
        "{:?}",
        s.popups.top()
    );
    update(&mut s, key(KeyCode::Esc));
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let root = tree.by_id("root").unwrap();
    let kids: Vec<String> = tree
        .children(root)
        .map(|c| tree.get(c).id.as_deref().unwrap().to_string())
        .collect();
    assert_eq!(
        kids,
        ["intro", "refund_card", "card", "reship_card", "skip_button"]
    );
    let card = tree.get(tree.by_id("card").unwrap());
    assert_eq!(card.ty(), "Card");
    assert!(card.prop("Id").is_some(), "the required Id is filled");
    assert_eq!(s.focus, Pane::Editor);
    // One undo takes the insertion back.
    let before_undo = s.doc.editor.text();
    update(&mut s, ctrl('z'));
    assert!(!s.doc.editor.text().contains("\"card\""));
    assert_ne!(s.doc.editor.text(), before_undo);

    // On a container (the root), a pattern goes in as its first child.
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    goto_line_of(&mut s, "\"root\"");
    update(&mut s, ctrl('o'));
    for e in chars("form with") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let root = tree.by_id("root").unwrap();
    let first = tree.children(root).next().unwrap();
    assert_eq!(tree.get(first).ty(), "Form");
    assert_eq!(tree.children(first).count(), 3);

    // The card list's cards raise actions the view does not list: they join its Actions
    // in the same step, and one undo takes both back.
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    goto_line_of(&mut s, "\"root\"");
    let listed = s.doc.meta.actions.clone();
    update(&mut s, ctrl('o'));
    for e in chars("card list") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    let added: Vec<&String> = s.doc.meta.actions[listed.len()..].iter().collect();
    assert_eq!(added.len(), 3, "{:?}", s.doc.meta.actions);
    validate_now(&mut s);
    assert!(
        !s.validation
            .diagnostics
            .iter()
            .any(|d| d.code == connect_views::view::Code::ActionNotListed),
        "{:?}",
        s.validation.diagnostics
    );
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|(n, _)| n.contains("to Actions")),
        "{:?}",
        s.notice
    );
    update(&mut s, ctrl('z'));
    assert_eq!(
        s.doc.meta.actions, listed,
        "one undo takes the actions back too"
    );
}

#[test]
fn ctrl_o_opens_the_palette_from_every_pane() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    update(&mut s, key(KeyCode::F(10)));
    for pane in [
        Pane::Outline,
        Pane::Inspector,
        Pane::Editor,
        Pane::Actions,
        Pane::Status,
    ] {
        s.focus = pane;
        update(&mut s, ctrl('o'));
        assert!(
            matches!(s.popups.top(), Some(Popup::Palette(_))),
            "{pane:?}: {:?}",
            s.popups.top()
        );
        update(&mut s, key(KeyCode::Esc));
    }
}

/// A Button from the palette asks for the action it raises (it had none and still
/// validated): one of the view's, or a new one that joins Actions.
#[test]
fn a_button_from_the_palette_asks_for_its_action() {
    let mut s = state_for("order-cards.view.json");
    validate_now(&mut s);
    goto_line_of(&mut s, "refund_card");
    update(&mut s, ctrl('o'));
    for e in chars("button") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    let Some(Popup::Picker(p)) = s.popups.top() else {
        panic!("{:?}", s.popups.top())
    };
    assert_eq!(p.items, s.doc.meta.actions);
    for e in chars("Escalate") {
        update(&mut s, e);
    }
    update(&mut s, key(KeyCode::Enter));
    assert!(!s.popups.is_open(), "{:?}", s.popups.top());
    let tree = Tree::parse(&s.doc.editor.text()).unwrap();
    let button = tree.get(tree.by_id("button").unwrap());
    assert_eq!(
        button.prop("Action").and_then(|a| a.as_str()),
        Some("Escalate")
    );
    assert!(s.doc.meta.actions.contains(&"Escalate".to_string()));
}
