//! Key bindings as data: defaults in code, overrides from `keymap.toml` in the config
//! directory, merged per command. A bad entry is reported and the default kept.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

use super::action::Command;
use super::panes::Pane;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    /// A pane: the commands it declares (see `tui::panes::Pane::commands`).
    Pane(Pane),
    /// Every popup (a popup's own context comes first).
    Popup,
    HelpPopup,
    PalettePopup,
    SubmitPopup,
    /// The submit popup asking whether to submit despite local errors.
    ConfirmSubmit,
    MetadataPopup,
    PagePopup,
    /// The condition builder.
    ConditionPopup,
    /// A choice among the view's actions or inputs, or a new one.
    PickerPopup,
    PromptPopup,
    QuitPopup,
    ConflictPopup,
    RecoverPopup,
    /// A promotion's plan, waiting to be applied.
    PromotePopup,
}

impl Context {
    /// The popups' contexts, in the order the help shows them.
    const POPUPS: &'static [Context] = &[
        Context::Popup,
        Context::PalettePopup,
        Context::SubmitPopup,
        Context::ConfirmSubmit,
        Context::MetadataPopup,
        Context::PagePopup,
        Context::ConditionPopup,
        Context::PickerPopup,
        Context::PromptPopup,
        Context::QuitPopup,
        Context::ConflictPopup,
        Context::RecoverPopup,
        Context::PromotePopup,
        Context::HelpPopup,
    ];

    /// Every context, in the order the help shows them: everywhere, the panes, the popups.
    pub fn all() -> impl Iterator<Item = Context> {
        std::iter::once(Context::Global)
            .chain(Pane::ALL.iter().map(|&p| Context::Pane(p)))
            .chain(Self::POPUPS.iter().copied())
    }

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Pane(pane) => pane.name(),
            Context::Popup => "dialogs",
            Context::HelpPopup => "help",
            Context::PalettePopup => "palette",
            Context::SubmitPopup => "submit dialog",
            Context::ConfirmSubmit => "submit anyway?",
            Context::MetadataPopup => "metadata dialog",
            Context::PagePopup => "page settings",
            Context::ConditionPopup => "condition builder",
            Context::PickerPopup => "pickers",
            Context::PromptPopup => "prompts",
            Context::QuitPopup => "quit dialog",
            Context::ConflictPopup => "changed on disk",
            Context::RecoverPopup => "recovery dialog",
            Context::PromotePopup => "promotion plan",
        }
    }

    /// Where a key goes when this context has no binding for it: a pane falls back to the
    /// global keys, a popup to the keys of every popup (never to the global ones), and
    /// the recovery popup to nothing (a stray key must not touch a person's draft).
    pub fn fallback(self) -> Option<Context> {
        match self {
            Context::Global | Context::Popup | Context::RecoverPopup => None,
            Context::Pane(_) => Some(Context::Global),
            Context::HelpPopup
            | Context::PalettePopup
            | Context::SubmitPopup
            | Context::ConfirmSubmit
            | Context::MetadataPopup
            | Context::PagePopup
            | Context::ConditionPopup
            | Context::PickerPopup
            | Context::PromptPopup
            | Context::QuitPopup
            | Context::ConflictPopup
            | Context::PromotePopup => Some(Context::Popup),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(e: &KeyEvent) -> Key {
        let mut mods =
            e.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match e.code {
            // Shift is already in the character.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            c => c,
        };
        Key { code, mods }
    }

    pub fn parse(s: &str) -> Result<Key, String> {
        let lower = s.trim().to_ascii_lowercase();
        let mut mods = KeyModifiers::NONE;
        let mut rest = lower.as_str();
        loop {
            if let Some(r) = rest
                .strip_prefix("ctrl-")
                .or_else(|| rest.strip_prefix("c-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("alt-")
                .or_else(|| rest.strip_prefix("m-"))
            {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("shift-")
                .or_else(|| rest.strip_prefix("s-"))
            {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "backspace" => KeyCode::Backspace,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f')
                && f.len() > 1
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            c if c.chars().count() == 1 => {
                let ch = s.trim().chars().last().unwrap_or(' ');
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    ch.to_ascii_lowercase()
                } else {
                    ch
                })
            }
            other => return Err(format!("\"{other}\" is not a key name")),
        };
        Ok(Key { code, mods })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) if self.mods.contains(KeyModifiers::CONTROL) => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            other => write!(f, "{other:?}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub command: Command,
    pub context: Context,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

fn k(s: &str) -> Key {
    Key::parse(s).expect("default keys parse")
}

impl Default for Keymap {
    /// The keys of the command table, and those each pane declares.
    fn default() -> Self {
        let mut bindings = Vec::new();
        let mut bind = |context: Context, command: Command, keys: &[&str]| {
            for key in keys {
                bindings.push(Binding {
                    key: k(key),
                    command,
                    context,
                });
            }
        };
        for spec in super::action::COMMANDS {
            for &(context, keys) in spec.keys {
                bind(context, spec.command, keys);
            }
        }
        for &pane in Pane::ALL {
            for row in pane.commands() {
                bind(Context::Pane(pane), row.command, row.keys);
            }
        }
        Keymap { bindings }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    keys: toml::Table,
}

impl Keymap {
    /// The command a key means in `context` (then in its fallback).
    pub fn lookup(&self, context: Context, key: &KeyEvent) -> Option<Command> {
        let key = Key::from_event(key);
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.key == key)
                .map(|b| b.command)
        };
        find(context).or_else(|| context.fallback().and_then(find))
    }

    /// The first key `command` has in `context` or its fallback, as shown.
    pub fn key_in(&self, context: Context, command: Command) -> Option<Key> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.command == command)
                .map(|b| b.key)
        };
        find(context).or_else(|| context.fallback().and_then(find))
    }

    /// The first key bound to a command, for messages ("unbound" when none is).
    pub fn key_for(&self, command: Command) -> String {
        self.keys_for(command)
            .first()
            .map(|k| k.to_string())
            .unwrap_or_else(|| format!("(unbound: {command:?})"))
    }

    pub fn keys_for(&self, command: Command) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|b| b.command == command)
            .map(|b| b.key)
            .collect()
    }

    /// Applies overrides from TOML text (`[keys]` with `command = "key"` or a list of keys).
    /// Returns one message per bad entry; the defaults stay for those.
    pub fn apply_overrides(&mut self, text: &str) -> Vec<String> {
        let file: File = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => return vec![format!("keymap.toml: {e}")],
        };
        let mut problems = Vec::new();
        for (name, value) in file.keys {
            let command: Command = match Command::deserialize(toml::Value::String(name.clone())) {
                Ok(c) => c,
                Err(_) => {
                    problems.push(format!(
                        "keymap.toml: \"{name}\" is not a command (see F1 for the list)"
                    ));
                    continue;
                }
            };
            let specs: Vec<String> = match &value {
                toml::Value::String(s) => vec![s.clone()],
                toml::Value::Array(a) if a.iter().all(|v| v.is_str()) => a
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
                _ => {
                    problems.push(format!(
                        "keymap.toml: {name} must be a key name or a list of them"
                    ));
                    continue;
                }
            };
            let keys: Result<Vec<Key>, String> = specs.iter().map(|s| Key::parse(s)).collect();
            match keys {
                Ok(keys) if !keys.is_empty() => {
                    // The new keys replace the command's keys in every context it has (a
                    // command bound in the actions and the status pane stays in both).
                    let mut contexts: Vec<Context> = Vec::new();
                    for b in self.bindings.iter().filter(|b| b.command == command) {
                        if !contexts.contains(&b.context) {
                            contexts.push(b.context);
                        }
                    }
                    if contexts.is_empty() {
                        contexts.push(Context::Global);
                    }
                    // The user's keys win: another command's binding on the same key in the
                    // same context (or globally) gives way, and that is said, since it leaves
                    // the other command without the key (or without any).
                    let collides = |b: &Binding| {
                        keys.contains(&b.key)
                            && (contexts.contains(&b.context)
                                || contexts.iter().any(|c| c.fallback() == Some(b.context)))
                    };
                    let mut taken: Vec<(Key, Command)> = Vec::new();
                    for b in self
                        .bindings
                        .iter()
                        .filter(|b| b.command != command && collides(b))
                    {
                        if !taken.contains(&(b.key, b.command)) {
                            taken.push((b.key, b.command));
                        }
                    }
                    self.bindings
                        .retain(|b| b.command != command && !collides(b));
                    for (key, other) in taken {
                        let left = self.keys_for(other);
                        let left = if left.is_empty() {
                            "it has no key left".to_string()
                        } else {
                            let names: Vec<String> = left.iter().map(Key::to_string).collect();
                            format!("it keeps {}", names.join(", "))
                        };
                        problems.push(format!(
                            "keymap.toml: {name} takes {key} from {} ({left}); bind it another \
                             key, or choose another for {name}",
                            other.name()
                        ));
                    }
                    for &context in &contexts {
                        for &key in &keys {
                            self.bindings.push(Binding {
                                key,
                                command,
                                context,
                            });
                        }
                    }
                }
                Ok(_) => problems.push(format!("keymap.toml: {name} has no keys")),
                Err(e) => problems.push(format!("keymap.toml: {name}: {e}")),
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_default_key_means_two_commands_in_one_context() {
        let km = Keymap::default();
        let mut seen = std::collections::HashMap::new();
        for b in &km.bindings {
            if let Some(other) = seen.insert((b.context, b.key), b.command) {
                assert_eq!(
                    other,
                    b.command,
                    "{} is bound to {other:?} and {:?} in {}",
                    b.key,
                    b.command,
                    b.context.name()
                );
            }
        }
        // Each pane's declared rows are its context.
        for &pane in Pane::ALL {
            for row in pane.commands() {
                assert!(row.command.belongs_to(pane.context()), "{row:?}");
                let key = km.key_in(pane.context(), row.command);
                assert_eq!(
                    key,
                    Some(k(row.keys[0])),
                    "{:?} in {}",
                    row.command,
                    pane.name()
                );
            }
        }
    }

    #[test]
    fn keys_parse_and_print() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl-S");
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("F8").unwrap().to_string(), "F8");
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn lookups_prefer_the_context() {
        let km = Keymap::default();
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(
            km.lookup(Context::Pane(Pane::Actions), &up),
            Some(Command::Up)
        );
        assert_eq!(
            km.lookup(Context::Pane(Pane::Editor), &up),
            None,
            "the editor moves its cursor itself"
        );
        let s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            km.lookup(Context::Pane(Pane::Editor), &s),
            Some(Command::Save)
        );
    }

    #[test]
    fn overrides_replace_per_command_and_report_bad_entries() {
        let mut km = Keymap::default();
        let problems = km.apply_overrides(
            "[keys]\nsave = \"f10\"\nsubmit = 5\nfrobnicate = \"f9\"\nquit = \"hyper-q\"\n",
        );
        // Three bad entries, and F10 taken from the outline's toggle, which is said too.
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.contains("save takes F10 from toggle_outline (it has no key left)")),
            "{problems:?}"
        );
        assert_eq!(km.keys_for(Command::Save), vec![Key::parse("f10").unwrap()]);
        assert_eq!(
            km.keys_for(Command::Quit),
            vec![Key::parse("ctrl-q").unwrap()]
        );
    }

    #[test]
    fn a_key_taken_from_another_command_is_reported() {
        let mut km = Keymap::default();
        let f5 = Key::parse("f5").unwrap();
        let before = km.bindings.iter().find(|b| b.key == f5).map(|b| b.command);
        let other = before.expect("F5 has a default command");
        let problems = km.apply_overrides("[keys]\nsubmit = [\"ctrl-p\", \"f5\"]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains(&format!("submit takes F5 from {}", other.name())),
            "{problems:?}"
        );
        assert!(km.keys_for(Command::Submit).contains(&f5));
        // A key nobody has is taken silently.
        let mut km = Keymap::default();
        assert!(
            km.apply_overrides("[keys]\nsubmit = [\"ctrl-p\", \"f3\"]\n")
                .is_empty()
        );
    }

    #[test]
    fn an_override_keeps_the_command_in_each_context_it_had() {
        let mut km = Keymap::default();
        assert!(km.apply_overrides("[keys]\nup = \"k\"\n").is_empty());
        let k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::NONE);
        for context in [
            Context::Pane(Pane::Actions),
            Context::Pane(Pane::Status),
            Context::Pane(Pane::Preview),
        ] {
            assert_eq!(km.lookup(context, &k), Some(Command::Up), "{context:?}");
        }
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::NONE);
        assert_eq!(
            km.lookup(Context::Pane(Pane::Status), &up),
            None,
            "Up is replaced, not kept"
        );
    }

    #[test]
    fn dialogs_fall_back_to_the_dialog_keys_never_to_the_global_ones() {
        let km = Keymap::default();
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let save = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(Context::QuitPopup, &esc), Some(Command::Cancel));
        assert_eq!(km.lookup(Context::QuitPopup, &save), None);
        assert_eq!(
            km.lookup(Context::RecoverPopup, &esc),
            None,
            "Esc is a stray key to the recovery dialog"
        );
        let d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(
            km.lookup(Context::RecoverPopup, &d),
            Some(Command::DiscardDraft)
        );
    }
}
