//! Issue 20's measure: the reference callback form built from the new-view starter by keys
//! alone (never a `{`, `}`, `[`, `]`, `:` or `"` typed), valid at the published level with no
//! warning, and published to the local endpoint. The keys other than the letters of labels
//! and values are counted (`Keys::count`); the figure is in the README.

use connect_views::tui::App;
use connect_views::tui::event::AppEvent;
use connect_views::tui::keymap::Keymap;
use connect_views::tui::panes::inspector::{Row, rows};
use connect_views::tui::state::{AppState, Pane, Popup};
use connect_views::tui::theme::Theme;
use connect_views::view::tree::{NodeId, Tree};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;

use crate::common::Endpoint;
use crate::common::tui::{app_with, ctrl, key, open_submit, press, screen, until};

/// The keys pressed, and how many were not the letters of a label or a value.
struct Keys {
    app: App<TestBackend>,
    counted: usize,
}

fn alt(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::ALT,
    )))
}

impl Keys {
    /// Keys that count, each handled before the next.
    async fn keys(&mut self, events: impl IntoIterator<Item = AppEvent>) {
        for e in events {
            if let AppEvent::Input(Event::Key(k)) = &e
                && let KeyCode::Char(c) = k.code
                && k.modifiers.is_empty()
            {
                assert!(!"{}[]:\"".contains(c), "no JSON is typed: {c}");
            }
            self.counted += 1;
            press(&mut self.app, [e]).await;
            self.app.step().await.unwrap();
        }
    }

    /// The letters of a label or a value (not counted; never JSON punctuation).
    async fn text(&mut self, s: &str) {
        for c in s.chars() {
            assert!(!"{}[]:\"".contains(c), "no JSON is typed: {c}");
            press(&mut self.app, [key(KeyCode::Char(c))]).await;
            self.app.step().await.unwrap();
        }
    }

    /// Counted keys that are not letters of labels (a palette query, a picker's filter).
    async fn typed(&mut self, s: &str) {
        for c in s.chars() {
            self.keys([key(KeyCode::Char(c))]).await;
        }
    }

    async fn settle(&mut self) {
        until(&mut self.app, "the check", |a| {
            a.state.validation_current()
                && a.state.validation.tree_revision == Some(a.state.doc.changes)
        })
        .await;
    }

    fn tree(&self) -> Tree {
        Tree::parse(&self.app.state.doc.editor.text()).unwrap()
    }

    /// The component of this type whose prop `key` is `value` (or the first of the type).
    fn find(&self, ty: &str, key: Option<(&str, &str)>) -> NodeId {
        let tree = self.tree();
        tree.preorder()
            .into_iter()
            .find(|&n| {
                let node = tree.get(n);
                node.ty() == ty
                    && key.is_none_or(|(k, v)| node.prop(k).and_then(|p| p.as_str()) == Some(v))
            })
            .unwrap_or_else(|| panic!("no {ty} {key:?}"))
    }

    /// Moves the outline's selection to `node` with Up/Down (the outline focused first).
    async fn select(&mut self, node: NodeId) {
        if self.app.state.focus != Pane::Outline {
            while self.app.state.focus != Pane::Outline {
                self.keys([key(KeyCode::BackTab)]).await;
            }
        }
        let tree = self.tree();
        let id = tree.get(node).id.clone().unwrap();
        for _ in 0..200 {
            let tree = self.tree();
            let rows = connect_views::tui::panes::outline::rows_of(
                &tree,
                &self.app.state.panes.outline.collapsed,
            );
            let at = tree.by_id(&id).unwrap();
            let want = rows.iter().position(|r| r.node == at).unwrap();
            let offset = self.app.state.doc.editor.cursor_offset();
            let now = tree
                .node_at(offset)
                .and_then(|n| rows.iter().position(|r| r.node == n));
            match now {
                Some(i) if i == want => return,
                Some(i) if i > want => self.keys([key(KeyCode::Up)]).await,
                _ => self.keys([key(KeyCode::Down)]).await,
            }
        }
        panic!("the outline never reached {id}");
    }

    /// Moves the inspector's selection to `row` (the inspector focused from the outline).
    async fn inspect(&mut self, row: Row) {
        while self.app.state.focus != Pane::Inspector {
            self.keys([key(KeyCode::Tab)]).await;
        }
        self.settle().await;
        crate::common::tui::draw(&mut self.app.state, 200, 50);
        let tree = self.tree();
        let offset = self.app.state.doc.editor.cursor_offset();
        let node = tree.node_at(offset).unwrap();
        let all = rows(&tree, node, &self.app.state.panes.inspector.open);
        let want = all
            .iter()
            .position(|r| *r == row)
            .unwrap_or_else(|| panic!("no {row:?} in {all:?}"));
        let now = self.app.state.panes.inspector.selected;
        let k = if want > now {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        for _ in 0..want.abs_diff(now) {
            self.keys([key(k)]).await;
        }
    }

    /// Answers the prompt on top: Ctrl-U, the text, Enter.
    async fn answer(&mut self, text: &str) {
        assert!(
            matches!(self.app.state.popups.top(), Some(Popup::Prompt(_))),
            "{:?}",
            self.app.state.popups.top()
        );
        // Ctrl-U clears what the prompt holds (a placeholder), when it holds something.
        if matches!(self.app.state.popups.top(), Some(Popup::Prompt(p)) if !p.input.is_empty()) {
            self.keys([ctrl('u')]).await;
        }
        self.text(text).await;
        self.keys([key(KeyCode::Enter)]).await;
        self.settle().await;
    }

    /// A prop set through its prompt (Enter, Ctrl-U, the text, Enter).
    async fn set(&mut self, prop: &str, value: &str) {
        self.inspect(Row::Prop { name: prop.into() }).await;
        self.keys([key(KeyCode::Enter)]).await;
        self.answer(value).await;
    }

    /// A prop the component lacks, added (Enter) and answered when it asks.
    async fn add(&mut self, prop: &str, value: Option<&str>) {
        self.inspect(Row::Available { name: prop.into() }).await;
        self.keys([key(KeyCode::Enter)]).await;
        if let Some(v) = value {
            self.answer(v).await;
        }
        self.settle().await;
    }

    /// The palette's entry `query` inserted after (or into) the outline's selection.
    async fn insert(&mut self, query: &str) {
        self.keys([ctrl('o')]).await;
        self.typed(query).await;
        self.keys([key(KeyCode::Enter)]).await;
        self.settle().await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_reference_callback_form_is_built_by_keys_alone_and_published() {
    let ep = Endpoint::start().await;
    let state = AppState::new(None, Keymap::default(), Theme::new(true));
    let app = app_with(&ep, state, 200, 50);
    let mut k = Keys { app, counted: 0 };
    k.settle().await;

    // Page settings: the title, two columns.
    k.keys([alt('p'), ctrl('u')]).await;
    k.text("Callback request").await;
    k.keys([key(KeyCode::Tab), ctrl('u')]).await;
    k.text("6 6").await;
    k.keys([key(KeyCode::Enter)]).await;
    k.settle().await;

    // The form pattern (Name, Reason, Submit) into the root container.
    k.keys([key(KeyCode::F(10))]).await;
    let root = k.find("Container", None);
    k.select(root).await;
    k.insert("form w").await;

    // Name: its label already; the field Name too.
    // Phone: a FormInput after the name field, tel, required, with a pattern.
    let name = k.find("FormInput", Some(("Label", "Name")));
    k.select(name).await;
    k.insert("fi").await;
    k.set("Label", "Phone").await;
    k.add("InputType", None).await; // added as text
    k.inspect(Row::Prop {
        name: "InputType".into(),
    })
    .await;
    // text -> tel: password, email, tel.
    k.keys([
        key(KeyCode::Right),
        key(KeyCode::Right),
        key(KeyCode::Right),
    ])
    .await;
    k.settle().await;
    // Space adds a condition prop as simply true.
    k.inspect(Row::Available {
        name: "Required".into(),
    })
    .await;
    k.keys([key(KeyCode::Char(' '))]).await;
    k.settle().await;
    k.add("ValidationPattern", Some(r"^\+?\d+( ?\d+)*$")).await;

    // Reason: Billing, Technical, Other (the pattern's second option renamed, one added).
    let reason = k.find("Dropdown", None);
    k.select(reason).await;
    k.inspect(Row::Prop {
        name: "Options".into(),
    })
    .await;
    k.keys([key(KeyCode::Enter)]).await; // open the list
    k.settle().await;
    k.inspect(Row::Item {
        prop: "Options".into(),
        index: 1,
    })
    .await;
    k.keys([key(KeyCode::Char('d'))]).await; // Delivery goes
    k.settle().await;
    k.inspect(Row::Prop {
        name: "Options".into(),
    })
    .await;
    for (label, value) in [("Technical", "technical"), ("Other", "other")] {
        k.keys([key(KeyCode::Char('a'))]).await;
        k.answer(label).await;
        k.answer(value).await;
    }

    // Details: a TextArea after Reason, shown and required when Reason is Other.
    let reason = k.find("Dropdown", None);
    k.select(reason).await;
    k.insert("tarea").await;
    k.set("Label", "Details").await;
    for prop in ["Visibility", "Required"] {
        k.inspect(Row::Available { name: prop.into() }).await;
        k.keys([key(KeyCode::Enter)]).await;
        // The builder: the field (Name, Phone, Reason, ...), then the value.
        let Some(Popup::Condition(b)) = k.app.state.popups.top().cloned() else {
            panic!("{:?}", k.app.state.popups.top())
        };
        // It starts on the nearest choice field before the text area: the reason.
        assert_eq!(b.fields[b.clauses[0].field].name, "reason");
        k.keys([key(KeyCode::Tab), key(KeyCode::Tab)]).await;
        k.keys([key(KeyCode::Right), key(KeyCode::Right)]).await; // billing -> other
        k.keys([key(KeyCode::Enter)]).await;
        k.settle().await;
    }

    // Preferred day: a DatePicker after Details.
    let details = k.find("TextArea", None);
    k.select(details).await;
    k.insert("dp").await;
    k.set("Label", "Preferred day").await;

    // Cancel: a Button after the submit button, raising a new Cancel.
    let submit = k.find("SubmitButton", None);
    k.select(submit).await;
    k.insert("bu").await;
    k.typed("Cancel").await;
    k.keys([key(KeyCode::Enter)]).await;
    k.settle().await;
    k.inspect(Row::Text).await;
    k.keys([key(KeyCode::Enter)]).await;
    k.answer("Cancel").await;

    // The attribute bar bound to $.CustomerName, its second attribute removed.
    let root = k.find("Container", None);
    k.select(root).await;
    k.insert("attr b").await;
    k.inspect(Row::Prop {
        name: "Attributes".into(),
    })
    .await;
    k.keys([key(KeyCode::Enter)]).await;
    k.settle().await;
    k.inspect(Row::Item {
        prop: "Attributes".into(),
        index: 1,
    })
    .await;
    k.keys([key(KeyCode::Char('d'))]).await;
    k.settle().await;

    // Valid at the published level with no warning.
    let d = &k.app.state.validation.diagnostics;
    assert!(d.is_empty(), "{d:?}\n{}", k.app.state.doc.editor.text());
    let counted = k.counted;
    eprintln!("reference view: {counted} keys besides the letters of labels and values");
    assert!(counted <= 150, "{counted} keys");

    // Published to the local endpoint.
    open_submit(&mut k.app, "create (no view of this name yet)").await;
    press(&mut k.app, [key(KeyCode::Enter)]).await;
    until(&mut k.app, "the result", |a| a.state.session.last.is_some()).await;
    let view = &k.app.state.session.last.as_ref().unwrap().view;
    assert!(view.is_published(), "{}", screen(&k.app));
}
