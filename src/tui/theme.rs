//! Semantic colour roles. The default uses the 16 ANSI colours and the terminal's
//! default; every state that matters (focus, selection, error) also has a modifier,
//! so it stays visible under `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// What a piece of the screen means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Text,
    Key,
    String,
    Number,
    Literal,
    Punctuation,
    Reference,
    Comment,
    Invalid,
    LineNumber,
    CursorLine,
    Cursor,
    Selection,
    Search,
    Error,
    Warning,
    Ok,
    Muted,
    Title,
    FocusBorder,
    Border,
    Highlight,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub no_color: bool,
    colors: std::collections::HashMap<Role, Color>,
}

fn default_color(role: Role) -> Option<Color> {
    use Role::*;
    Some(match role {
        Key => Color::Cyan,
        String => Color::Green,
        Number | Literal => Color::Magenta,
        Reference => Color::Yellow,
        Comment | Invalid | Error => Color::Red,
        Warning => Color::Yellow,
        Ok => Color::Green,
        LineNumber | Muted | Punctuation | Border => Color::DarkGray,
        FocusBorder | Title => Color::Cyan,
        Search => Color::Yellow,
        _ => return None,
    })
}

fn modifiers(role: Role) -> Modifier {
    use Role::*;
    match role {
        Cursor | Selection | Highlight => Modifier::REVERSED,
        Error | Invalid | Comment => Modifier::BOLD,
        FocusBorder | Title => Modifier::BOLD,
        Search => Modifier::UNDERLINED,
        Muted => Modifier::DIM,
        _ => Modifier::empty(),
    }
}

impl Theme {
    pub fn new(no_color: bool) -> Theme {
        Theme {
            no_color,
            colors: Default::default(),
        }
    }

    /// `NO_COLOR` set and non-empty means no colour.
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
    }

    pub fn set(&mut self, role: Role, color: Color) {
        self.colors.insert(role, color);
    }

    pub fn style(&self, role: Role) -> Style {
        let mut style = Style::default().add_modifier(modifiers(role));
        if !self.no_color
            && let Some(c) = self
                .colors
                .get(&role)
                .copied()
                .or_else(|| default_color(role))
        {
            style = style.fg(c);
        }
        style
    }
}

/// Parses a colour name (`red`, `bright-blue`, `reset`) or `#rrggbb`.
pub fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    if let Some(hex) = s.strip_prefix('#')
        && hex.len() == 6
    {
        let v = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    Some(match s.as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark-gray" | "dark-grey" | "bright-black" => Color::DarkGray,
        "bright-red" | "light-red" => Color::LightRed,
        "bright-green" | "light-green" => Color::LightGreen,
        "bright-yellow" | "light-yellow" => Color::LightYellow,
        "bright-blue" | "light-blue" => Color::LightBlue,
        "bright-magenta" | "light-magenta" => Color::LightMagenta,
        "bright-cyan" | "light-cyan" => Color::LightCyan,
        "white" | "bright-white" => Color::White,
        _ => return None,
    })
}
