//! Diagnostics: what is wrong, where, and how to fix it.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use super::source::{LineCol, LineIndex};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something worth knowing that is not a problem (a value left unchecked, say).
    Note,
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal : $title:literal,)*) => {
        /// A stable diagnostic code. Codes are never renumbered; retired codes are not reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A short description of the rule, for `--help` and the designer's help.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    Syntax = "CV001": "the text is not valid JSON",
    Comment = "CV002": "comments are not allowed in JSON",
    TrailingComma = "CV003": "trailing commas are not allowed in JSON",
    DuplicateKey = "CV004": "an object has the same key twice",
    TooDeep = "CV005": "the JSON is nested too deeply",
    Encoding = "CV006": "the file is empty or not UTF-8 text",
    DocumentShape = "CV010": "the file is not a view file, CLI input or template",
    MemberType = "CV011": "a view file member has the wrong type",
    UnknownMember = "CV012": "a view file member is not known",
    Name = "CV013": "the view name breaks the service's rules",
    Description = "CV014": "the description breaks the service's rules",
    Tags = "CV015": "the tags break the service's rules",
    TemplateShape = "CV020": "the template is not an object with Head and Body",
    Head = "CV021": "Head is missing or not an object",
    Title = "CV022": "Head.Title is missing or empty",
    HeadConfiguration = "CV023": "Head.Configuration is missing or not an object",
    Body = "CV024": "Body is missing or not an array",
    Node = "CV025": "a component node is not an object",
    NodeType = "CV026": "a component node has no string Type",
    NodeId = "CV027": "a component node has no string _id",
    NodeProps = "CV028": "a component node has no Props object",
    NodeContent = "CV029": "a component node's Content is not an array of nodes and strings",
    NodeMember = "CV030": "a component node has a member the service does not know",
    Configuration = "CV031": "a Configuration, Layout or Style is malformed",
    StyleKey = "CV032": "a Style key is not a component token (--name)",
    Columns = "CV033": "layout columns are not whole numbers from 1 to 12",
    DuplicateId = "CV034": "two component nodes share an _id",
    DuplicateName = "CV035": "two form fields share a Name",
    UnknownComponent = "CV040": "the component Type is not in the catalogue",
    UnknownProp = "CV041": "the component has no such prop",
    EnumValue = "CV042": "the prop's value is not one of its allowed values",
    UnseenValue = "CV053": "a value of a closed list AWS does not publish was not seen in an accepted view",
    PropKind = "CV043": "the prop's value has the wrong type",
    RequiredProp = "CV044": "a required prop is missing",
    TopLevelChildren = "CV045": "only containers may hold components at the top level of Body",
    UnexpectedContent = "CV046": "the component takes no content",
    Condition = "CV047": "a UI condition is malformed",
    ConditionField = "CV048": "a UI condition or linked form output names no field of the view",
    ConditionValue = "CV049": "a UI condition compares a field with a value it does not offer",
    MalformedReference = "CV050": "a $. reference is not a well-formed path",
    EmbeddedReference = "CV051": "a $. reference inside a longer string renders literally",
    ReferenceOnUnknownProp = "CV052": "a $. reference sits on a prop the component does not know",
    IntegrationUndeclared = "CV054": "a `$.#` integration is not declared in Head.Integrations",
    ActionNotListed = "CV060": "a component raises an action missing from Actions",
    ActionNotRaised = "CV061": "an action is listed but no component raises it",
    ActionName = "CV062": "an action name breaks the service's rules",
    DuplicateAction = "CV063": "an action is listed twice",
    ContentTooLarge = "CV070": "the content is over the 400,000-byte limit",
    ContentNearLimit = "CV071": "the content is near the 400,000-byte limit",
    DataShape = "CV080": "sample data does not fit the view's input schema",
    DataReference = "CV081": "a data value is a `$.` reference nothing resolves",
    FlowReference = "CV082": "a flow reference in the data is resolved at run time",
    EmptyString = "CV083": "a data value is an empty string",
    DataTooLarge = "CV084": "the data with contact attributes is over 16 KB",
    DropdownDefault = "CV085": "a Dropdown's DefaultValue is not an array",
    DataMissing = "CV086": "a value the template references is missing from the data",
    DataUnused = "CV087": "a data member is not an input of the view",
    DataSource = "CV088": "the data cannot be read or found",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Codes that mean the canonical form (`fmt`) would drop something the author wrote.
pub const LOSES_TEXT: &[Code] = &[
    Code::Syntax,
    Code::Comment,
    Code::TrailingComma,
    Code::DuplicateKey,
    Code::TooDeep,
    Code::Encoding,
];

/// Where a diagnostic points: a byte range of the source and its line:column span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub range: Range<usize>,
    pub start: LineCol,
    pub end: LineCol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// What is wrong and how to fix it.
    pub message: String,
    /// A JSON pointer into the view: `/Name`, `/Actions/1`, `/Template/Body/0/Props/Action`.
    pub pointer: String,
    /// Byte range in the source the document was loaded from; `None` when it has none
    /// (a view built in memory, a member that is absent).
    pub range: Option<Range<usize>>,
    /// Filled by [`Diagnostic::locate`].
    pub location: Option<Location>,
    /// Another place the diagnostic refers to (the first of two duplicates), in the same source.
    pub related: Option<Range<usize>>,
    /// Filled by [`Diagnostic::locate`].
    pub related_at: Option<LineCol>,
    /// A second line: what was expected, or how to fix it.
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: Code,
        pointer: impl Into<String>,
        range: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            pointer: pointer.into(),
            range,
            location: None,
            related: None,
            related_at: None,
            note: None,
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    pub fn with_related(mut self, related: Option<Range<usize>>) -> Self {
        self.related = related;
        self
    }

    pub fn error(
        code: Code,
        pointer: impl Into<String>,
        range: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, pointer, range, message)
    }

    pub fn warning(
        code: Code,
        pointer: impl Into<String>,
        range: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, pointer, range, message)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Fills `location` from `range` against the source text.
    pub fn locate(&mut self, text: &str, index: &LineIndex) {
        if let Some(range) = &self.range {
            let start = index.line_col(text, range.start);
            let end = index.line_col(text, range.end.max(range.start));
            self.location = Some(Location {
                range: range.clone(),
                start,
                end,
            });
        }
        if let Some(related) = &self.related {
            self.related_at = Some(index.line_col(text, related.start));
        }
    }

    pub fn start(&self) -> Option<LineCol> {
        self.location.as_ref().map(|l| l.start)
    }
}

/// Sorts diagnostics by position (unlocated last), then severity, keeping equal ones in order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let pa = a.range.as_ref().map(|r| r.start).unwrap_or(usize::MAX);
        let pb = b.range.as_ref().map(|r| r.start).unwrap_or(usize::MAX);
        pa.cmp(&pb).then(b.severity.cmp(&a.severity))
    });
}

/// Counts of errors, warnings and notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut t = Tally::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Note => t.notes += 1,
            }
        }
        t
    }

    pub fn add(&mut self, other: Tally) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.notes += other.notes;
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        write!(
            f,
            "{}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )?;
        if self.notes > 0 {
            write!(f, ", {}", plural(self.notes, "note"))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(s.len() == 5 && s.starts_with("CV"), "{s}");
            assert!(seen.insert(s), "duplicate code {s}");
        }
    }
}
