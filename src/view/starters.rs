//! Starters: whole views to begin from, as the Connect admin website's builder offers
//! templates (a step guide with Next and Back, a detail, cards, a confirmation, a table whose
//! rows raise an action, a form in sections). Each is a view file in `assets/starters`,
//! valid at the published level with no warning, its sample data fitting its inputs.

/// Every starter: its name (what `edit --starter` takes), what it is, and its view file.
pub const STARTERS: &[(&str, &str, &str)] = &[
    (
        "guide",
        "a step of a guide: title and text from the flow, Back, Next and Done",
        include_str!("../../assets/starters/guide.view.json"),
    ),
    (
        "detail",
        "who is calling: a heading and an attribute section, Done",
        include_str!("../../assets/starters/detail.view.json"),
    ),
    (
        "cards",
        "cards, each raising its own action, and Cancel",
        include_str!("../../assets/starters/cards.view.json"),
    ),
    (
        "confirmation",
        "a success message from the flow and Continue",
        include_str!("../../assets/starters/confirmation.view.json"),
    ),
    (
        "table",
        "a table of the flow's rows, each row raising Open, and Back",
        include_str!("../../assets/starters/table.view.json"),
    ),
    (
        "sections",
        "a form in two sections (name and phone required), Submit and Cancel",
        include_str!("../../assets/starters/sections.view.json"),
    ),
];

/// The view file text of a starter.
pub fn starter(name: &str) -> Option<&'static str> {
    STARTERS.iter().find(|(n, _, _)| *n == name).map(|s| s.2)
}
