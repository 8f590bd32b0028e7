//! Each component drawn as the workspace shows it (§1.2 of `preview-and-viewdata.md`), on
//! the 12-column grid of `Head` and of each container.

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::canvas::{Align, Block, Frame, Line, Span, wrap_spans};
use super::condition::holds;
use super::state::{FieldValue, key};
use super::{HotKind, Hotspot, Layout, Piece, PreviewState, Resolver, Role, option_list, shown};
use crate::view::tree::{Item, Node, NodeId};

struct Cx<'a> {
    r: &'a Resolver<'a>,
    state: &'a PreviewState,
    notes: Vec<String>,
}

pub fn view(r: &Resolver<'_>, state: &PreviewState, width: usize) -> Layout {
    let mut cx = Cx {
        r,
        state,
        notes: Vec::new(),
    };
    let mut out = Block::new(width);
    if let Some(title) = r.tree.head.title.as_ref() {
        let p = r.piece_of(title);
        if !p.is_empty() {
            let mut l = Line::default();
            l.push(p.text(), p.role(Role::Heading));
            out.line(l);
            out.blank();
        }
    }
    let items: Vec<Item> = r.tree.body.iter().map(|&id| Item::Node(id)).collect();
    let body = cx.children(&items, &r.tree.head.columns(), width);
    out.append(body);
    cx.notes.sort();
    cx.notes.dedup();
    Layout {
        width,
        lines: out.lines,
        hotspots: reading_order(out.hotspots),
        nodes: out.nodes,
        notes: cx.notes,
    }
}

fn reading_order(mut hotspots: Vec<Hotspot>) -> Vec<Hotspot> {
    hotspots.sort_by_key(|h| (h.line, h.cols.start));
    hotspots
}

/// The span of child `i` under these column settings: one value applies to every child,
/// several give each child its own (12 for those past the end).
fn span_of(columns: &[u32], i: usize) -> u32 {
    match columns {
        [] => 12,
        [one] => *one,
        many => many.get(i).copied().unwrap_or(12),
    }
}

impl Cx<'_> {
    fn children(&mut self, items: &[Item], columns: &[u32], width: usize) -> Block {
        let mut out = Block::new(width);
        let mut row: Vec<(Block, u32)> = Vec::new();
        let mut used = 0;
        let mut index = 0;
        for item in items {
            let (block, span) = match item {
                Item::Node(id) => {
                    let mut span = span_of(columns, index).clamp(1, 12);
                    index += 1;
                    // A column narrower than 8 cannot hold a component: it takes the row
                    // (the workspace's grid also collapses on narrow viewports).
                    if column_width(width, span) < 8 {
                        span = 12;
                    }
                    let w = column_width(width, span);
                    match self.node(*id, w) {
                        Some(b) => (b, span),
                        None => continue,
                    }
                }
                Item::Text(s) => {
                    let p = self.r.piece_of(s);
                    let mut b = Block::new(width);
                    for l in wrap_spans(&[span(&p, Role::Text)], width) {
                        b.line(l);
                    }
                    (b, 12)
                }
                Item::Other(_) => continue,
            };
            if used + span > 12 && !row.is_empty() {
                out.append(self.row(std::mem::take(&mut row), width));
                used = 0;
            }
            used += span;
            row.push((block, span));
        }
        if !row.is_empty() {
            out.append(self.row(row, width));
        }
        out
    }

    /// Children sharing a row: side by side at their spans, or stacked when a column would
    /// be narrower than 8.
    fn row(&mut self, row: Vec<(Block, u32)>, width: usize) -> Block {
        if row.len() == 1 {
            let (b, span) = row.into_iter().next().expect("one");
            return widen(b, width, span);
        }
        let used: usize = row.iter().map(|(b, _)| b.width).sum::<usize>() + row.len() - 1;
        let mut blocks: Vec<Block> = row.into_iter().map(|(b, _)| b).collect();
        let pad = width.saturating_sub(used);
        if pad > 0 {
            blocks.push(Block::new(pad - 1));
        }
        Block::beside(blocks, width)
    }

    fn node(&mut self, id: NodeId, width: usize) -> Option<Block> {
        let node = self.r.tree.get(id);
        if let Some(v) = node.prop("Visibility")
            && holds(self.r, self.state, v) == Some(false)
        {
            return None;
        }
        let mut b = match node.ty() {
            "Container" => self.container(id, node, width),
            "Form" if node.prop("Sections").is_none() => self.form(id, node, width),
            "Section" => self.section(id, node, width),
            "Header" => self.header(node, width),
            "TextBox" => self.textbox(node, width),
            "TextContent" | "HTMLBox" | "TemplateStringComponent" => self.markup(node, width),
            "AttributeBar" => self.attribute_bar(node, width),
            "AttributeSection" => self.attribute_section(node, width),
            "Card" => self.card(id, node, width),
            "Button" | "SubmitButton" | "ConnectAction" => self.button(id, node, width),
            "ButtonGroup" => self.button_group(id, node, width),
            "FormInput" | "TextArea" | "DatePicker" | "TimePicker" => {
                self.text_field(id, node, width)
            }
            "Dropdown" => self.dropdown(id, node, width),
            "RadioGroup" | "CheckboxGroup" => self.option_group(id, node, width),
            "Toggle" => self.toggle(id, node, width),
            "Table" => self.table(id, node, width),
            "Alert" => self.alert(id, node, width),
            "Link" => self.link(node, width),
            "Icon" => self.simple(
                width,
                format!("[{}]", self.r.prop_text(node, "Name")),
                Role::Dim,
            ),
            "Image" => self.simple(
                width,
                format!("[image: {}]", self.r.prop_text(node, "Alt")),
                Role::Dim,
            ),
            "Loader" => self.simple(width, "⠋ Loading".into(), Role::Dim),
            "Application" => self.simple(
                width,
                format!(
                    "[app: {} {}]",
                    self.r.prop_text(node, "AppIdentifier"),
                    self.r.prop_text(node, "Path")
                ),
                Role::Dim,
            ),
            "ExpandableSection" => self.expandable(id, node, width),
            _ => self.unrendered(node, width),
        };
        b.claim(id, 0);
        Some(b)
    }

    fn content(&mut self, node: &Node, width: usize) -> Block {
        self.children(&node.content, &node.columns(), width)
    }

    fn pieces(&self, node: &Node) -> Vec<Piece> {
        node.content
            .iter()
            .filter_map(|i| match i {
                Item::Text(s) => Some(self.r.piece_of(s)),
                _ => None,
            })
            .collect()
    }

    fn disabled(&self, node: &Node) -> bool {
        node.prop("Disabled")
            .and_then(|v| holds(self.r, self.state, v))
            .unwrap_or(false)
    }

    fn simple(&self, width: usize, text: String, role: Role) -> Block {
        let mut b = Block::new(width);
        for l in wrap_spans(&[Span { text, role }], width) {
            b.line(l);
        }
        b
    }

    fn container(&mut self, _id: NodeId, node: &Node, width: usize) -> Block {
        let header = self.r.prop(node, "header").map(|p| p.text());
        let footer = self.r.prop(node, "footer");
        let borderless = node.prop("HideBorder").and_then(|h| h.as_bool()) == Some(true);
        let inner_w = if borderless {
            width.saturating_sub(1)
        } else {
            width.saturating_sub(4)
        };
        let mut inner = self.content(node, inner_w.max(1));
        if let Some(f) = footer {
            let mut rule = Line::default();
            rule.push("─".repeat(inner_w), Role::Border);
            inner.line(rule);
            let mut l = Line::default();
            l.push(f.text(), f.role(Role::Dim));
            inner.line(l);
        }
        if borderless {
            let mut b = Block::new(width);
            if let Some(h) = header {
                b.text(&h, Role::Strong);
            }
            b.place(inner, 1);
            b
        } else {
            Block::framed(width, header.as_deref(), Frame::Square, inner)
        }
    }

    fn form(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let borderless = node.prop("HideBorder").and_then(|h| h.as_bool()) == Some(true);
        let inner_w = if borderless {
            width
        } else {
            width.saturating_sub(4)
        };
        let mut inner = self.content(node, inner_w.max(1));
        if let Some(error) = self.state.error(self.r.tree, id) {
            let mut l = Line::default();
            l.push(format!("✕ {error}"), Role::Error);
            inner.line(l);
        }
        if borderless {
            inner
        } else {
            Block::framed(width, None, Frame::Square, inner)
        }
    }

    fn section(&mut self, _id: NodeId, node: &Node, width: usize) -> Block {
        let mut b = Block::new(width);
        if let Some(h) = self.r.prop(node, "Heading") {
            let mut l = Line::default();
            l.push(h.text(), h.role(Role::Strong));
            b.line(l);
        }
        let inner = self.content(node, width.saturating_sub(2).max(1));
        b.place(inner, 2);
        b
    }

    fn header(&mut self, node: &Node, width: usize) -> Block {
        let mut b = Block::new(width);
        let variant = self.r.prop_text(node, "variant");
        let spans: Vec<Span> = self
            .pieces(node)
            .iter()
            .map(|p| span(p, Role::Heading))
            .collect();
        let lines = wrap_spans(&spans, width);
        let longest = lines.iter().map(Line::width).max().unwrap_or(0);
        for l in lines {
            b.line(l);
        }
        match variant.as_str() {
            "h1" => b.text(&"═".repeat(longest), Role::Border),
            "h3" | "h4" => {}
            _ => b.text(&"─".repeat(longest), Role::Border),
        }
        if let Some(d) = self.r.prop(node, "description") {
            for l in wrap_spans(&[span(&d, Role::Dim)], width) {
                b.line(l);
            }
        }
        b
    }

    fn textbox(&mut self, node: &Node, width: usize) -> Block {
        let variant = self.r.prop_text(node, "Variant");
        let weight = self.r.prop_text(node, "FontWeight");
        let base = if variant.starts_with('h') || weight == "bold" || weight == "heavy" {
            Role::Strong
        } else if weight == "light" {
            Role::Dim
        } else {
            Role::Text
        };
        let align = match self.r.prop_text(node, "TextAlign").as_str() {
            "center" => Align::Center,
            "right" => Align::Right,
            _ => Align::Left,
        };
        if node.prop("Text").is_some() && node.content.is_empty() {
            self.notes.push(
                "a TextBox with a Text prop shows nothing in the workspace (its text is its \
                 Content)"
                    .into(),
            );
        }
        let spans: Vec<Span> = self.pieces(node).iter().map(|p| span(p, base)).collect();
        let mut b = Block::new(width);
        for l in wrap_spans(&spans, width) {
            let pad = match align {
                Align::Left => 0,
                Align::Center => width.saturating_sub(l.width()) / 2,
                Align::Right => width.saturating_sub(l.width()),
            };
            let mut line = Line::default();
            line.blanks(pad);
            line.append(l);
            b.line(line);
        }
        b
    }

    fn markup(&mut self, node: &Node, width: usize) -> Block {
        let mut text: String = self.pieces(node).iter().map(Piece::text).collect();
        if let Some(t) = self.r.prop(node, "TemplateString") {
            text.push_str(&t.text());
        }
        let mut b = Block::new(width);
        for para in strip_markup(&text) {
            b.wrapped(&para, Role::Text, Align::Left);
        }
        b
    }

    fn attribute_bar(&mut self, node: &Node, width: usize) -> Block {
        let attrs = self.attributes(node, "Attributes");
        let mut b = Block::new(width);
        if attrs.is_empty() {
            return b;
        }
        let per_row = attrs.len().min((width / 16).max(1));
        pairs(&mut b, &attrs, per_row, (" │ ", Role::Border));
        b
    }

    /// Label and value pairs from an array of attribute objects (through the data).
    fn attributes(&self, node: &Node, prop: &str) -> Vec<(String, Line)> {
        let Some(v) = node.prop(prop) else {
            return Vec::new();
        };
        let whole = self.r.piece(&v.to_serde());
        let resolved = self.r.resolve(v);
        let Value::Array(items) = resolved else {
            if let Piece::Unfilled(_) = whole {
                let mut l = Line::default();
                l.push(whole.text(), Role::Unfilled);
                return vec![(prop.to_string(), l)];
            }
            return Vec::new();
        };
        items
            .iter()
            .map(|a| {
                let label = a.get("Label").map(shown).unwrap_or_default();
                let value = a.get("Value").cloned().unwrap_or(Value::Null);
                let p = self.r.piece(&value);
                let link = a.get("Url").is_some() || a.get("LinkType").is_some();
                let mut l = Line::default();
                l.push(p.text(), p.role(if link { Role::Link } else { Role::Text }));
                if link {
                    l.push(" ↗", Role::Dim);
                }
                if a.get("Copyable")
                    .map(|c| c == &Value::Bool(true) || c == "true")
                    == Some(true)
                {
                    l.push(" ⧉", Role::Dim);
                }
                (label, l)
            })
            .collect()
    }

    fn attribute_section(&mut self, node: &Node, width: usize) -> Block {
        let mut b = Block::new(width);
        if let Some(h) = self.r.prop(node, "Heading") {
            let mut l = Line::default();
            l.push(h.text(), h.role(Role::Strong));
            b.line(l);
        }
        let items = self.attributes(node, "Items");
        if items.is_empty() {
            let msg = self.r.prop_text(node, "NoItemMessage");
            b.text(&msg, Role::Placeholder);
            return b;
        }
        let columns = node
            .prop("Columns")
            .and_then(|c| c.as_scalar_text())
            .and_then(|c| c.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, 4)
            .min((width / 12).max(1));
        pairs(&mut b, &items, columns, ("  ", Role::Text));
        b
    }

    fn card(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let inner_w = width.saturating_sub(4).max(1);
        let mut inner = Block::new(inner_w);
        let mut heading = Line::default();
        if let Some(icon) = self.r.prop(node, "Icon") {
            heading.push(format!("[{}] ", icon.text()), icon.role(Role::Dim));
        }
        let h = self
            .r
            .prop(node, "Heading")
            .unwrap_or(Piece::Literal(String::new()));
        heading.push(h.text(), h.role(Role::Strong));
        inner.hot_line(
            heading,
            Hotspot {
                node: id,
                item: None,
                kind: HotKind::Card,
                line: 0,
                cols: 0..inner_w,
            },
        );
        if let Some(s) = self.r.prop(node, "Status") {
            for l in wrap_spans(&[span(&s, Role::Dim)], inner_w) {
                inner.line(l);
            }
        }
        if let Some(d) = self.r.prop(node, "Description") {
            for l in wrap_spans(&[span(&d, Role::Text)], inner_w) {
                inner.line(l);
            }
        }
        let content = self.content(node, inner_w);
        inner.append(content);
        Block::framed(width, None, Frame::Round, inner)
    }

    /// One button's text: `[ Label ]`, `[▶ Label ]` for primary, underlined for link,
    /// `⏎` marking a submit.
    fn button_line(
        &self,
        label: &[Piece],
        variant: &str,
        disabled: bool,
        loading: bool,
        submit: bool,
        line: &mut Line,
    ) -> std::ops::Range<usize> {
        let base = if disabled {
            Role::Disabled
        } else if variant == "primary" || (submit && variant.is_empty()) {
            Role::Primary
        } else if variant == "link" {
            Role::Link
        } else {
            Role::Button
        };
        let start = line.width();
        if variant != "link" {
            line.push(if base == Role::Primary { "[▶ " } else { "[ " }, base);
        }
        if loading {
            line.push("⠋ ", base);
        }
        for p in label {
            line.push(p.text(), p.role(base));
        }
        if submit {
            line.push(" ⏎", base);
        }
        if variant != "link" {
            line.push(" ]", base);
        }
        start..line.width()
    }

    fn button(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let label = match node.ty() {
            "Button" => self.pieces(node),
            _ => {
                let mut l: Vec<Piece> = self.r.prop(node, "Label").into_iter().collect();
                if l.is_empty() {
                    l = self.pieces(node);
                }
                l
            }
        };
        let submit =
            node.ty() == "SubmitButton" || self.r.prop_text(node, "FormAction") == "submit";
        let disabled = self.disabled(node);
        let loading = node.prop("Loading").and_then(|l| l.as_bool()) == Some(true);
        let variant = self.r.prop_text(node, "Variant");
        let mut line = Line::default();
        let cols = self.button_line(&label, &variant, disabled, loading, submit, &mut line);
        let mut b = Block::new(width);
        if disabled {
            b.line(line);
        } else {
            b.hot_line(
                line,
                Hotspot {
                    node: id,
                    item: None,
                    kind: if submit {
                        HotKind::Submit
                    } else {
                        HotKind::Button
                    },
                    line: 0,
                    cols,
                },
            );
        }
        b
    }

    fn button_group(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let items = node.prop("Items").map(|i| self.r.resolve(i));
        let items = match items {
            Some(Value::Array(a)) => a,
            _ => Vec::new(),
        };
        let gap = match self.r.prop_text(node, "SpaceBetweenButtons").as_str() {
            "s" => 2,
            "m" => 3,
            "l" | "xl" | "xxl" => 4,
            _ => 1,
        };
        let vertical = self.r.prop_text(node, "ButtonsOrientation") == "vertical";
        let mut b = Block::new(width);
        let mut line = Line::default();
        let mut spots = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let label = vec![self.r.piece(item.get("Label").unwrap_or(&Value::Null))];
            let variant = item.get("Variant").map(shown).unwrap_or_default();
            let submit = item.get("FormAction").map(shown).as_deref() == Some("submit");
            let disabled = item.get("Disabled") == Some(&Value::Bool(true))
                || item.get("Disabled").map(shown).as_deref() == Some("true");
            let loading = item.get("Loading") == Some(&Value::Bool(true));
            if !vertical && line.width() > 0 {
                line.blanks(gap);
            }
            let cols = self.button_line(&label, &variant, disabled, loading, submit, &mut line);
            let kind = if submit {
                HotKind::Submit
            } else {
                HotKind::Button
            };
            if vertical {
                let l = std::mem::take(&mut line);
                if disabled {
                    b.line(l);
                } else {
                    b.hot_line(
                        l,
                        Hotspot {
                            node: id,
                            item: Some(i),
                            kind,
                            line: 0,
                            cols,
                        },
                    );
                }
            } else if !disabled {
                spots.push((i, kind, cols));
            }
        }
        if !vertical {
            let at = b.height();
            b.line(line);
            for (i, kind, cols) in spots {
                b.hotspots.push(Hotspot {
                    node: id,
                    item: Some(i),
                    kind,
                    line: at,
                    cols: cols.start.min(width)..cols.end.min(width),
                });
            }
        }
        b
    }

    /// A field's label line, and below the control its helper text and error.
    fn field_frame(&self, id: NodeId, node: &Node, width: usize, control: Block) -> Block {
        let mut b = Block::new(width);
        if let Some(l) = self.r.prop(node, "Label") {
            let mut line = Line::default();
            line.push(l.text(), l.role(Role::Strong));
            b.line(line);
        }
        b.append(control);
        if let Some(h) = self.r.prop(node, "HelperText") {
            for l in wrap_spans(&[span(&h, Role::Dim)], width) {
                b.line(l);
            }
        }
        if let Some(e) = self.state.error(self.r.tree, id) {
            b.text(&format!("⚠ {e}"), Role::Error);
        }
        b
    }

    fn text_field(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let value = match self.state.value(self.r, id) {
            FieldValue::Text(t) => t,
            _ => String::new(),
        };
        let disabled = self.disabled(node);
        let role = if disabled {
            Role::Disabled
        } else {
            Role::Field
        };
        let mut control = Block::new(width);
        let ty = node.ty();
        let shown_value = if self.r.prop_text(node, "InputType") == "password" {
            "•".repeat(value.chars().count())
        } else {
            value.clone()
        };
        let placeholder = match ty {
            "DatePicker" => "YYYY/MM/DD",
            "TimePicker" => "hh:mm:ss",
            _ => "",
        };
        let hot = |line: usize, cols: std::ops::Range<usize>| Hotspot {
            node: id,
            item: None,
            kind: HotKind::Text,
            line,
            cols,
        };
        if ty == "TextArea" {
            let inner_w = width.saturating_sub(4).max(1);
            let mut inner = Block::new(inner_w);
            let rows = super::canvas::wrap(&shown_value, inner_w);
            for i in 0..3.max(rows.len()) {
                let text = rows.get(i).cloned().unwrap_or_default();
                if i == 0 {
                    inner.hot_line(Line::default().tap_push(&text, role), hot(0, 0..inner_w));
                } else {
                    inner.line(Line::default().tap_push(&text, role));
                }
            }
            let mut framed = Block::framed(width, None, Frame::Square, inner);
            if let Some(max) = node.prop("MaxLength").and_then(|m| m.as_scalar_text()) {
                let counter = format!(" {}/{max} ", value.chars().count());
                let last = framed.lines.len() - 1;
                let mut l = Line::default();
                l.push("└", Role::Border);
                l.push(
                    "─".repeat(width.saturating_sub(2 + counter.width())),
                    Role::Border,
                );
                l.push(counter, Role::Dim);
                l.push("┘", Role::Border);
                framed.lines[last] = l.fit(width);
            }
            control.append(framed);
        } else {
            let mut line = Line::default();
            line.push("[ ", Role::Border);
            let inner_w = width.saturating_sub(4);
            let suffix = match ty {
                "DatePicker" => " ▦",
                "TimePicker" => " ◷",
                _ => "",
            };
            let unfilled = match self.r.prop(node, "DefaultValue") {
                Some(p @ Piece::Unfilled(_)) if value.is_empty() => Some(p.text()),
                _ => None,
            };
            let body = if let Some(u) = unfilled {
                Line::default().tap_push(&u, Role::Unfilled)
            } else if shown_value.is_empty() {
                Line::default().tap_push(placeholder, Role::Placeholder)
            } else {
                Line::default().tap_push(&shown_value, role)
            };
            let body_w = inner_w.saturating_sub(suffix.width());
            line.append(fill(body, body_w, role));
            line.push(suffix, Role::Dim);
            line.push(" ]", Role::Border);
            control.hot_line(line, hot(0, 0..width));
        }
        self.field_frame(id, node, width, control)
    }

    fn dropdown(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let options = option_list(self.r, node);
        let chosen = match self.state.value(self.r, id) {
            FieldValue::Chosen(v) => v,
            _ => Vec::new(),
        };
        let multi = node.prop("MultiSelect").and_then(|m| m.as_bool()) == Some(true);
        let label_of = |v: &str| {
            options
                .iter()
                .find(|(_, o)| o == v)
                .map(|(l, _)| l.clone())
                .unwrap_or_else(|| v.to_string())
        };
        let mut control = Block::new(width);
        let mut trigger = Line::default();
        trigger.push("[ ", Role::Border);
        let body = if chosen.is_empty() {
            Line::default().tap_push("Choose an option", Role::Placeholder)
        } else if multi {
            Line::default().tap_push(&format!("{} selected", chosen.len()), Role::Field)
        } else {
            Line::default().tap_push(&label_of(&chosen[0]), Role::Field)
        };
        trigger.append(fill(body, width.saturating_sub(6), Role::Field));
        trigger.push(" ▾ ]", Role::Border);
        if multi || self.disabled(node) {
            control.line(trigger);
        } else {
            control.hot_line(
                trigger,
                Hotspot {
                    node: id,
                    item: None,
                    kind: HotKind::Choice,
                    line: 0,
                    cols: 0..width,
                },
            );
        }
        if multi && !self.disabled(node) {
            for (i, (label, value)) in options.iter().enumerate() {
                let on = chosen.contains(value);
                let mut l = Line::default();
                l.push(if on { "  [x] " } else { "  [ ] " }, Role::Field);
                l.push(label, Role::Text);
                let w = l.width();
                control.hot_line(
                    l,
                    Hotspot {
                        node: id,
                        item: Some(i),
                        kind: HotKind::Option,
                        line: 0,
                        cols: 2..w,
                    },
                );
            }
        }
        self.field_frame(id, node, width, control)
    }

    fn option_group(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let options = option_list(self.r, node);
        let chosen = match self.state.value(self.r, id) {
            FieldValue::Chosen(v) => v,
            _ => Vec::new(),
        };
        let radio = node.ty() == "RadioGroup";
        let disabled = self.disabled(node);
        let mut control = Block::new(width);
        for (i, (label, value)) in options.iter().enumerate() {
            let on = chosen.contains(value);
            let mark = match (radio, on) {
                (true, true) => "(•) ",
                (true, false) => "( ) ",
                (false, true) => "[x] ",
                (false, false) => "[ ] ",
            };
            let mut l = Line::default();
            l.push(
                mark,
                if disabled {
                    Role::Disabled
                } else {
                    Role::Field
                },
            );
            l.push(label, if disabled { Role::Disabled } else { Role::Text });
            let w = l.width();
            if disabled {
                control.line(l);
            } else {
                control.hot_line(
                    l,
                    Hotspot {
                        node: id,
                        item: Some(i),
                        kind: HotKind::Option,
                        line: 0,
                        cols: 0..w,
                    },
                );
            }
        }
        if options.is_empty() {
            control.text("(no options)", Role::Placeholder);
        }
        self.field_frame(id, node, width, control)
    }

    fn toggle(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let on = matches!(self.state.value(self.r, id), FieldValue::On(true));
        let disabled = self.disabled(node);
        let mut l = Line::default();
        l.push(
            if on { "[━●] " } else { "[○━] " },
            if disabled {
                Role::Disabled
            } else {
                Role::Field
            },
        );
        let label = self
            .r
            .prop(node, "Label")
            .unwrap_or(Piece::Literal(String::new()));
        l.push(label.text(), label.role(Role::Text));
        let w = l.width();
        let mut control = Block::new(width);
        if disabled {
            control.line(l);
        } else {
            control.hot_line(
                l,
                Hotspot {
                    node: id,
                    item: None,
                    kind: HotKind::Toggle,
                    line: 0,
                    cols: 0..w,
                },
            );
        }
        let mut b = Block::new(width);
        b.append(control);
        if let Some(h) = self.r.prop(node, "HelperText") {
            for l in wrap_spans(&[span(&h, Role::Dim)], width) {
                b.line(l);
            }
        }
        if let Some(e) = self.state.error(self.r.tree, id) {
            b.text(&format!("⚠ {e}"), Role::Error);
        }
        b
    }

    fn table(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let mut b = Block::new(width);
        if let Some(h) = self.r.prop(node, "Header") {
            let mut l = Line::default();
            l.push(h.text(), h.role(Role::Strong));
            b.line(l);
        }
        if let Some(d) = self.r.prop(node, "Description") {
            for l in wrap_spans(&[span(&d, Role::Dim)], width) {
                b.line(l);
            }
        }
        if node.prop("Filterable").and_then(|f| f.as_bool()) == Some(true) {
            b.text("⌕ Find items", Role::Placeholder);
        }
        let columns = match node.prop("Columns").map(|c| self.r.resolve(c)) {
            Some(Value::Array(c)) => c,
            _ => Vec::new(),
        };
        let rows = match node.prop("Items").map(|i| self.r.resolve(i)) {
            Some(Value::Array(r)) => r,
            Some(Value::String(s)) => {
                b.text(&format!("‹{s}›"), Role::Unfilled);
                Vec::new()
            }
            _ => Vec::new(),
        };
        if columns.is_empty() {
            b.text("(no columns)", Role::Placeholder);
            return b;
        }
        let n = columns.len();
        let cell = (width + 3) / n - 3;
        let head = self.table_head(&columns, cell);
        b.line(head);
        b.text(&"─".repeat(width), Role::Border);
        let per_page = node
            .prop("ItemsPerPage")
            .and_then(|p| p.as_scalar_text())
            .and_then(|p| p.parse::<usize>().ok())
            .filter(|p| *p > 0);
        let shown_rows = per_page.map(|p| p.min(rows.len())).unwrap_or(rows.len());
        for (r, row) in rows.iter().take(shown_rows).enumerate() {
            let mut l = Line::default();
            let mut action_cols = None;
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    l.push(" │ ", Role::Border);
                }
                let cid = c.get("Id").map(shown).unwrap_or_default();
                let value = row.get(&cid).cloned().unwrap_or(Value::Null);
                let p = self.r.piece(&value);
                let is_action = c.get("Type").map(shown).as_deref() == Some("action");
                let numeric = c.get("Type").map(shown).as_deref() == Some("number");
                let role = if is_action { Role::Link } else { Role::Text };
                let mut cell_line = Line::default().tap_push(&p.text(), p.role(role));
                if numeric && cell_line.width() < cell {
                    let pad = cell - cell_line.width();
                    let mut padded = Line::default();
                    padded.blanks(pad);
                    padded.append(cell_line);
                    cell_line = padded;
                }
                let start = l.width();
                l.append(cell_line.fit(cell));
                if is_action && action_cols.is_none() {
                    action_cols = Some(start..start + cell);
                }
            }
            match action_cols {
                Some(cols) => b.hot_line(
                    l,
                    Hotspot {
                        node: id,
                        item: Some(r),
                        kind: HotKind::Row,
                        line: 0,
                        cols,
                    },
                ),
                None => b.line(l),
            }
        }
        if rows.is_empty() {
            b.text("No items", Role::Placeholder);
        }
        if let Some(p) = per_page
            && rows.len() > p
        {
            let pages = rows.len().div_ceil(p);
            let list: Vec<String> = (1..=pages.min(9)).map(|n| n.to_string()).collect();
            b.text(&format!("< {} >", list.join(" ")), Role::Dim);
        }
        b
    }

    /// A table's heading row: each column's Label in a cell (a column given Header instead
    /// of Label shows a blank heading, as the workspace does, with a note).
    fn table_head(&mut self, columns: &[Value], cell: usize) -> Line {
        let mut head = Line::default();
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                head.push(" │ ", Role::Border);
            }
            let label = c.get("Label").map(shown).unwrap_or_default();
            if c.get("Label").is_none() && c.get("Header").is_some() {
                self.notes.push(
                    "a Table column with Header instead of Label has a blank heading in the \
                     workspace"
                        .into(),
                );
            }
            head.append(Line::default().tap_push(&label, Role::Strong).fit(cell));
        }
        head
    }

    fn alert(&mut self, _id: NodeId, node: &Node, width: usize) -> Block {
        let (glyph, role) = match self.r.prop_text(node, "type").as_str() {
            "success" => ("✓", Role::Success),
            "warning" => ("⚠", Role::Warning),
            "error" => ("✕", Role::Error),
            _ => ("ⓘ", Role::Info),
        };
        let inner_w = width.saturating_sub(2).max(1);
        let mut inner = Block::new(inner_w);
        let mut head = Line::default();
        head.push(format!("{glyph} "), role);
        if let Some(h) = self.r.prop(node, "heading") {
            head.push(h.text(), h.role(Role::Strong));
        }
        if node.prop("dismissible").and_then(|d| d.as_bool()) == Some(true) {
            let w = head.width();
            head.blanks(inner_w.saturating_sub(w + 1));
            head.push("×", Role::Dim);
        }
        inner.line(head);
        let body = self.content(node, inner_w);
        inner.append(body);
        let mut b = Block::new(width);
        let top = b.height();
        for l in inner.lines {
            let mut line = Line::default();
            line.push("┃ ", role);
            line.append(l);
            b.line(line);
        }
        for mut h in inner.hotspots {
            h.line += top;
            h.cols = h.cols.start + 2..h.cols.end + 2;
            b.hotspots.push(h);
        }
        for (n, r) in inner.nodes {
            b.nodes.push((n, r));
        }
        b
    }

    fn link(&mut self, node: &Node, width: usize) -> Block {
        let mut spans: Vec<Span> = self
            .pieces(node)
            .iter()
            .map(|p| span(p, Role::Link))
            .collect();
        let kind = self.r.prop_text(node, "Type");
        spans.push(Span {
            text: match kind.as_str() {
                "case" => " ⧉case".into(),
                _ => " ↗".into(),
            },
            role: Role::Dim,
        });
        if node.prop("AutoOpen").and_then(|a| a.as_bool()) == Some(true) {
            spans.push(Span {
                text: " (auto-opens)".into(),
                role: Role::Dim,
            });
        }
        let mut b = Block::new(width);
        for l in wrap_spans(&spans, width) {
            b.line(l);
        }
        b
    }

    fn expandable(&mut self, id: NodeId, node: &Node, width: usize) -> Block {
        let open = self.state.is_expanded(self.r.tree, id);
        let header = ["header", "Header", "headerText", "Heading"]
            .iter()
            .find_map(|p| self.r.prop(node, p))
            .unwrap_or(Piece::Literal("Section".into()));
        let mut l = Line::default();
        l.push(if open { "▾ " } else { "▸ " }, Role::Strong);
        l.push(header.text(), header.role(Role::Strong));
        let w = l.width();
        let mut b = Block::new(width);
        b.hot_line(
            l,
            Hotspot {
                node: id,
                item: None,
                kind: HotKind::Expand,
                line: 0,
                cols: 0..w,
            },
        );
        if open {
            let inner = self.content(node, width.saturating_sub(2).max(1));
            b.place(inner, 2);
        }
        b
    }

    fn unrendered(&mut self, node: &Node, width: usize) -> Block {
        let title = match node.id.as_deref() {
            Some(id) => format!("{} {id}", node.ty()),
            None => node.ty().to_string(),
        };
        self.notes.push(format!(
            "{} is not drawn by the preview yet (a labelled box stands in for it)",
            node.ty()
        ));
        let inner_w = width.saturating_sub(4).max(1);
        let mut inner = Block::new(inner_w);
        inner.wrapped(
            "not drawn by the preview yet",
            Role::Unrendered,
            Align::Left,
        );
        let children = self.content(node, inner_w);
        inner.append(children);
        Block::framed(width, Some(&title), Frame::Square, inner)
    }
}

/// Label (dim) over value pairs, `per_row` to a row, cells apart by `sep`.
fn pairs(b: &mut Block, items: &[(String, Line)], per_row: usize, sep: (&str, Role)) {
    let gap = sep.0.width();
    for chunk in items.chunks(per_row.max(1)) {
        let cell = (b.width + gap) / chunk.len() - gap;
        let mut labels = Line::default();
        let mut values = Line::default();
        for (i, (label, value)) in chunk.iter().enumerate() {
            if i > 0 {
                labels.push(sep.0, sep.1);
                values.push(sep.0, sep.1);
            }
            labels.append(Line::default().tap_push(label, Role::Dim).fit(cell));
            values.append(value.clone().fit(cell));
        }
        b.line(labels);
        b.line(values);
    }
}

/// A block of `span` columns stretched to a full-width row (left-aligned).
fn widen(b: Block, width: usize, _span: u32) -> Block {
    if b.width == width {
        return b;
    }
    let mut out = Block::new(width);
    out.place(b, 0);
    out
}

/// The width of a child at `span` of 12 in a row `width` wide.
fn column_width(width: usize, span: u32) -> usize {
    if span >= 12 {
        return width;
    }
    ((width + 1) * span as usize / 12).saturating_sub(1).max(1)
}

fn span(p: &Piece, base: Role) -> Span {
    Span {
        text: p.text(),
        role: p.role(base),
    }
}

/// A line filled to `width` with the field's underline.
fn fill(body: Line, width: usize, role: Role) -> Line {
    let w = body.width();
    if w >= width {
        return body.fit(width);
    }
    let mut l = body;
    l.push(
        "_".repeat(width - w),
        if role == Role::Disabled {
            Role::Disabled
        } else {
            Role::Placeholder
        },
    );
    l
}

/// Text of HTML or JSX-style markup: tags dropped, `<li>` as bullets, block tags as breaks.
fn strip_markup(text: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut current = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            current.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        if matches!(
            name,
            "p" | "div" | "br" | "ul" | "ol" | "li" | "h1" | "h2" | "h3" | "h4"
        ) && !current.trim().is_empty()
        {
            paras.push(std::mem::take(&mut current).trim().to_string());
        }
        if name == "li" && !tag.starts_with('/') {
            current.push_str("• ");
        }
        if name == "style" && !tag.starts_with('/') {
            // A <style> element is not text.
            match rest[open..].find("</style>") {
                Some(end) => {
                    rest = &rest[open + end + "</style>".len()..];
                    continue;
                }
                None => {
                    rest = "";
                    break;
                }
            }
        }
        rest = &rest[open + close + 1..];
    }
    current.push_str(rest);
    if !current.trim().is_empty() {
        paras.push(current.trim().to_string());
    }
    paras
}

trait PushOwned {
    fn tap_push(self, text: &str, role: Role) -> Self;
}

impl PushOwned for Line {
    fn tap_push(mut self, text: &str, role: Role) -> Self {
        self.push(text, role);
        self
    }
}

impl PreviewState {
    /// The field error a submit left on this component, if any.
    pub fn error(&self, tree: &crate::view::tree::Tree, id: NodeId) -> Option<&str> {
        self.errors_map().get(&key(tree, id)).map(String::as_str)
    }
}
