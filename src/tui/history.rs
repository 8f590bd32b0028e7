//! One history of the document's changes (helix's `History`): the template's text, the
//! view's metadata (name, description, tags, actions) and its sample data sets. A step is
//! whatever one action of the user changed (one `Document::apply`), so an action renamed
//! with the props raising it, a recovered draft, or a data set made from the inputs, is one
//! undo. The template editor
//! keeps the text's own steps (it groups a burst of typing into one); a step here says how
//! many of them it takes back, and what else it changed, before and after.

use serde_json::Value;

use super::state::Meta;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    /// How many of the template editor's undo steps it takes back.
    pub text: usize,
    /// The metadata before and after.
    pub meta: Option<(Meta, Meta)>,
    /// The sample data sets (`SampleData`) before and after.
    pub samples: Option<(Option<Value>, Option<Value>)>,
}

#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The template editor's undo depth the steps account for.
    depth: usize,
}

impl History {
    /// The template editor's undo depth now: text steps it gained since are a step (one
    /// edit of the user's), and a new step ends what could be redone.
    pub fn text(&mut self, depth: usize) {
        if depth > self.depth {
            self.push(Step {
                text: depth - self.depth,
                ..Step::default()
            });
        }
        self.depth = depth;
    }

    /// Records a change made through the document's door as one step (nothing when it
    /// changed nothing); `depth`: the editor's undo depth after it.
    pub fn step(&mut self, step: Step, depth: usize) {
        if step != Step::default() {
            self.push(step);
        }
        self.depth = depth;
    }

    fn push(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    /// The step to take back (the caller undoes it, then says the editor's depth with
    /// [`History::moved`]).
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.undo.pop()?;
        self.redo.push(step.clone());
        Some(step)
    }

    pub fn redo(&mut self) -> Option<Step> {
        let step = self.redo.pop()?;
        self.undo.push(step.clone());
        Some(step)
    }

    /// The editor's depth after an undo or a redo carried out a step (not a new step).
    pub fn moved(&mut self, depth: usize) {
        self.depth = depth;
    }

    /// A new text with a new history (a document opened or adopted).
    pub fn reset(&mut self) {
        *self = History::default();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str) -> Meta {
        Meta {
            name: name.into(),
            ..Meta::default()
        }
    }

    #[test]
    fn text_and_metadata_steps_undo_in_order_and_a_new_step_ends_redo() {
        let mut h = History::default();
        h.text(1);
        h.step(
            Step {
                meta: Some((meta("a"), meta("b"))),
                ..Step::default()
            },
            1,
        );
        h.text(1); // a burst merged into the editor's step: nothing new
        h.text(3);
        assert_eq!(h.undo().map(|s| s.text), Some(2));
        h.moved(1);
        assert_eq!(
            h.undo().and_then(|s| s.meta).map(|m| m.0.name),
            Some("a".into())
        );
        assert!(h.can_redo());
        h.text(2);
        assert!(!h.can_redo(), "a new edit ends what could be redone");
    }

    #[test]
    fn a_step_of_text_and_metadata_is_undone_at_once() {
        let mut h = History::default();
        let step = Step {
            text: 1,
            meta: Some((meta("a"), meta("b"))),
            ..Step::default()
        };
        h.step(step.clone(), 1);
        h.text(1);
        assert_eq!(h.undo(), Some(step));
        assert!(!h.can_undo());
        h.step(Step::default(), 0);
        assert!(h.can_redo(), "a step that changed nothing is no step");
    }
}
