//! Generated templates of a given size, for benchmarks and size tests.

use std::fmt::Write;

/// A valid view file whose pretty-printed template is about `target_bytes` long: sections
/// of headers, text with references, cards, inputs, dropdowns, attribute bars and buttons.
pub fn large_view_file(target_bytes: usize) -> String {
    // Measure what one section costs once pretty-printed, then size the body to the target.
    let probe = render(4);
    let per_section = (probe.len() - render(0).len()) / 4;
    let sections = (target_bytes.saturating_sub(render(0).len()) / per_section).max(1);
    render(sections)
}

fn render(sections: usize) -> String {
    let body = (0..sections).map(section).collect::<Vec<_>>().join(",\n");
    let text = format!(
        "{{\"Name\": \"Generated view\", \"Actions\": [\"Open\", \"Close\", \"Pick\"], \"Template\": \
         {{\"Head\": {{\"Title\": \"Generated\", \"Configuration\": {{\"Layout\": {{\"Columns\": [\"12\"]}}}}}}, \
         \"Body\": [{{\"_id\": \"root\", \"Type\": \"Container\", \"Props\": {{}}, \"Content\": [\n{body}\n]}}]}}}}"
    );
    let doc = super::ViewDocument::from_text(&text, None).expect("generated text parses");
    doc.to_view_file(true).expect("generated template is JSON")
}

fn section(i: usize) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        r#"{{"_id": "section_{i}", "Type": "Section", "Props": {{"Heading": "Section {i}"}}, "Configuration": {{"Layout": {{"Columns": "12"}}, "Style": {{"--section-padding": "4px"}}}}, "Content": [
  {{"_id": "header_{i}", "Type": "Header", "Props": {{"variant": "h3", "description": "$.Section{i}.Description"}}, "Content": ["Heading ", "$.Section{i}.Title"]}},
  {{"_id": "text_{i}", "Type": "TextBox", "Props": {{"Variant": "p", "FontSize": "body-m"}}, "Content": ["Customer ", "$.Customers[{i}].Name", " has ", "$.Customers[{i}].Orders", " orders."]}},
  {{"_id": "card_{i}", "Type": "Card", "Props": {{"Id": "card-{i}", "Heading": "Card {i}", "Description": "Opens the record", "Action": "Open"}}, "Content": []}},
  {{"_id": "input_{i}", "Type": "FormInput", "Props": {{"Name": "field{i}", "Label": "Field {i}", "InputType": "text", "Required": true, "DefaultValue": "$.Defaults.Field{i}"}}, "Content": []}},
  {{"_id": "pick_{i}", "Type": "Dropdown", "Props": {{"Name": "pick{i}", "Label": "Pick", "Options": [{{"Label": "One", "Value": "1"}}, {{"Label": "Two", "Value": "2"}}], "DefaultValue": ["1"]}}, "Content": []}},
  {{"_id": "bar_{i}", "Type": "AttributeBar", "Props": {{"Attributes": [{{"Label": "Account", "Value": "$.Accounts[{i}].Id", "Copyable": true}}, {{"Label": "Tier", "Value": "gold"}}]}}, "Content": []}},
  {{"_id": "buttons_{i}", "Type": "ButtonGroup", "Props": {{"Items": [{{"Label": "Close", "Action": "Close"}}, {{"Label": "Pick", "Action": "Pick", "Variant": "primary"}}]}}, "Content": []}}"#
    );
    for k in 0..30 {
        let _ = write!(
            s,
            r#",
  {{"_id": "note_{i}_{k}", "Type": "TextBox", "Props": {{}}, "Content": ["Note {k}"]}}"#
        );
    }
    s.push_str("\n]}");
    s
}

/// A hostile view file on one line: `components` Buttons inside one Container, each raising
/// an action the view does not list (one warning each), every button's text padded so the
/// file is about `target_bytes` long (no padding when that is 0).
pub fn hostile_view_file(components: usize, target_bytes: usize) -> String {
    let head = r#"{"Name":"Hostile","Actions":[],"Template":{"Head":{"Title":"Hostile","Configuration":{}},"Body":[{"_id":"root","Type":"Container","Props":{},"Content":["#;
    let tail = "]}]}}";
    let button = |i: usize, pad: &str| {
        format!(
            r#"{{"_id":"b{i}","Type":"Button","Props":{{"Action":"Act{i}"}},"Content":["Go{pad}"]}}"#
        )
    };
    let bare: usize = (0..components).map(|i| button(i, "").len() + 1).sum();
    let room = target_bytes.saturating_sub(head.len() + tail.len() + bare);
    let pad = "x".repeat(room / components.max(1));
    let mut out = String::with_capacity(head.len() + bare + room + tail.len());
    out.push_str(head);
    for i in 0..components {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&button(i, &pad));
    }
    out.push_str(tail);
    out
}
