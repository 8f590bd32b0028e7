//! The designer's own prompts (those no pane opens): each is a [`Prompt`] with its title
//! and the answer it carries.

use super::Prompt;
use crate::tui::component::{Guarded, Msg};
use crate::tui::cx::Cx;

pub fn goto_line() -> Prompt {
    Prompt::new("Go to line (LINE or LINE:COLUMN)", "", |app, input| {
        let mut parts = input.splitn(2, ':');
        let line = parts.next().and_then(|l| l.trim().parse::<usize>().ok());
        let col = parts.next().map(|c| c.trim().parse::<usize>().ok());
        let (row, column) = match (line, col) {
            (Some(l), None) if l >= 1 => (l - 1, 0),
            (Some(l), Some(Some(c))) if l >= 1 && c >= 1 => (l - 1, c - 1),
            _ => return Err("give a line number, or LINE:COLUMN".into()),
        };
        Ok(vec![Msg::Reveal {
            tab: app.doc.tab,
            row,
            column,
        }])
    })
}

/// Search (a regular expression; empty clears the search).
pub fn search(last: String) -> Prompt {
    Prompt::new("Search (regular expression)", last, |_, input| {
        if input.is_empty() {
            return Ok(vec![Msg::Search(None)]);
        }
        crate::tui::editor::Editor::check_pattern(input)?;
        Ok(vec![Msg::Search(Some(input.to_string()))])
    })
}

/// The file to save to (`current` offered). Esc also ends a "save and quit" waiting for it.
pub fn save_as(current: String) -> Prompt {
    Prompt::new("Save as", current, |_, input| {
        if input.is_empty() {
            return Err("give a file name".into());
        }
        Ok(vec![Msg::SaveAs(input.into())])
    })
    .on_cancel(|| Msg::NoQuitAfterSave)
}

pub fn compare_with(current: String) -> Prompt {
    Prompt::new(
        "Compare the buffer with: $SAVED, $LATEST, N (a version), VIEW[:Q], ENV:VIEW[:Q] or a file (empty: stop comparing)",
        current,
        |_, input| {
            Ok(vec![if input.is_empty() {
                Msg::StopComparing
            } else {
                Msg::Compare {
                    what: input.to_string(),
                    label: input.to_string(),
                }
            }])
        },
    )
}

pub fn save_as_new_view(name: String) -> Prompt {
    Prompt::new(
        "Save as a new view on the instance: its name (the submit dialog follows)",
        name,
        |_, input| match crate::view::validate::name_problem(input) {
            Some(problem) => Err(problem),
            None => Ok(vec![Msg::SaveAsNewView(input.to_string())]),
        },
    )
}

pub fn version_description() -> Prompt {
    Prompt::new(
        "Version description (optional; Enter creates the version)",
        "",
        |_, input| {
            Ok(vec![Msg::CreateVersion {
                description: (!input.is_empty()).then(|| input.to_string()),
                confirmed: false,
            }])
        },
    )
}

/// The protected environment's name, typed before `then` writes to it.
pub fn confirm_protected(then: Guarded) -> Prompt {
    Prompt::new(
        "Protected environment: type its name to write to it (Esc cancels)",
        "",
        move |app, input| {
            let env = app.session.env.clone().unwrap_or_default();
            if input != env {
                return Err(format!("that is not \"{env}\": nothing was written"));
            }
            Ok(vec![Msg::Confirmed(then.clone())])
        },
    )
}

/// A new sample data set, filled from the view's inputs.
pub fn new_data_set(name: String) -> Prompt {
    Prompt::new(
        "New sample data set (filled from the view's inputs)",
        name,
        |app, input| {
            if input.is_empty() {
                return Err("give the set a name".into());
            }
            if app.doc.data_sets().iter().any(|s| s == input) {
                return Err(format!("a set named `{input}` exists already"));
            }
            if app.doc.data_unparsed {
                return Err(
                    "the set shown is not valid JSON: fix it first (nothing is lost)".into(),
                );
            }
            let schema = schema_now(app)
                .map_err(|e| format!("the template does not parse yet ({e}): fix it first"))?;
            Ok(vec![Msg::NewDataSet {
                name: input.to_string(),
                data: crate::view::data::skeleton(&schema),
                inputs: schema.inputs().len(),
            }])
        },
    )
}

/// The input schema of the text as it is: the analysis' (or its tree's) when it is the
/// text's, else the text parsed now.
fn schema_now(app: &Cx) -> Result<std::sync::Arc<crate::view::data::DataSchema>, String> {
    let v = &app.validation;
    let current = v.tree_revision == Some(app.doc.changes);
    let of_tree = |tree: &crate::view::tree::Tree| {
        std::sync::Arc::new(crate::view::data::DataSchema::of_tree(
            tree,
            crate::view::Catalog::builtin(),
        ))
    };
    match (&v.schema, &v.tree) {
        (Some(schema), _) if current => Ok(schema.clone()),
        (_, Some(tree)) if current => Ok(of_tree(tree)),
        _ => crate::view::tree::Tree::parse(&app.doc.template_editor().text())
            .map(|tree| of_tree(&tree))
            .ok_or_else(|| "it is not JSON".to_string()),
    }
}

pub fn rename_data_set(old: String) -> Prompt {
    Prompt::new(
        "Rename the sample data set",
        old.clone(),
        move |app, input| {
            if input.is_empty() {
                return Err("give the set a name".into());
            }
            if input != old && app.doc.data_sets().iter().any(|s| s == input) {
                return Err(format!("a set named `{input}` exists already"));
            }
            Ok(vec![Msg::RenameDataSet {
                old: old.clone(),
                new: input.to_string(),
            }])
        },
    )
}

pub fn delete_data_set(set: String) -> Prompt {
    Prompt::new(
        "Delete this sample data set? Enter deletes it, Esc keeps it",
        "",
        move |_, _| Ok(vec![Msg::DeleteDataSet(set.clone())]),
    )
}
