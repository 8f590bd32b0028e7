//! Every validator rule: a failing case (the code at the right line:column) and a
//! passing case (the code absent once the mistake is fixed).

use connect_views::view::{Code, Level, Severity};

use crate::common::{at, diagnostics, in_container, view};

struct Case {
    code: Code,
    level: Level,
    severity: Severity,
    bad: String,
    /// The diagnostic starts at the first occurrence of this text in `bad`.
    needle: &'static str,
    good: String,
}

fn case(
    code: Code,
    level: Level,
    severity: Severity,
    bad: String,
    needle: &'static str,
    good: String,
) -> Case {
    Case {
        code,
        level,
        severity,
        bad,
        needle,
        good,
    }
}

use Severity::{Error as E, Note as N, Warning as W};
use connect_views::view::status::Status::{Published as P, Saved as S};

fn button(action: &str) -> String {
    format!(
        r#"{{"_id": "b", "Type": "Button", "Props": {{"Action": "{action}"}}, "Content": ["Go"]}}"#
    )
}

/// A FormInput with these props besides its Name.
fn field(props: &str) -> String {
    format!(
        r#"{{"_id": "f", "Type": "FormInput", "Props": {{"Name": "phone", {props}}}, "Content": []}}"#
    )
}

/// A Dropdown "reason" (options billing and other) and a TextArea shown when `visibility` holds.
fn conditional(visibility: &str) -> String {
    in_container(
        "[]",
        &format!(
            r#"{{"_id": "reason", "Type": "Dropdown", "Props": {{"Name": "reason", "Label": "Reason", "Options": [{{"Label": "Billing", "Value": "billing"}}, {{"Label": "Other", "Value": "other"}}]}}, "Content": []}},
        {{"_id": "why", "Type": "TextArea", "Props": {{"Name": "why", "Label": "Why", "Visibility": {visibility}}}, "Content": []}}"#
        ),
    )
}

fn cases() -> Vec<Case> {
    let ok = in_container(r#"["Go"]"#, &button("Go"));
    let head = |head: &str| {
        format!(
            "{{\n  \"Name\": \"T\",\n  \"Actions\": [],\n  \"Template\": {{\n    \"Head\": {head},\n    \"Body\": []\n  }}\n}}"
        )
    };
    let node = |n: &str| in_container("[]", n);
    let text_node = |props: &str, content: &str| {
        node(&format!(
            r#"{{"_id": "t", "Type": "TextBox", "Props": {props}, "Content": {content}}}"#
        ))
    };
    let big = |sections: usize| {
        let children: Vec<String> = (0..sections)
            .map(|i| {
                format!(
                    r#"{{"_id": "t{i}", "Type": "TextBox", "Props": {{}}, "Content": ["{}"]}}"#,
                    "x".repeat(1000)
                )
            })
            .collect();
        node(&children.join(",\n"))
    };
    vec![
        // "Expected a comma" points where the comma is missing.
        case(
            Code::Syntax,
            S,
            E,
            ok.replace("\"Go\"]", "\"Go\" \"Stop\"]"),
            " \"Stop\"",
            ok.clone(),
        ),
        case(
            Code::Comment,
            S,
            E,
            ok.replace("\"Template\": {", "\"Template\": { // the template"),
            "// the",
            ok.clone(),
        ),
        case(
            Code::TrailingComma,
            S,
            E,
            ok.replace("[\"Go\"]", "[\"Go\",]"),
            ",]",
            ok.clone(),
        ),
        case(
            Code::DuplicateKey,
            S,
            E,
            ok.replace(
                "\"Props\": {\"Action\"",
                "\"Props\": {\"Variant\": \"normal\", \"Variant\": \"primary\", \"Action\"",
            ),
            "\"Variant\": \"primary\"",
            ok.clone(),
        ),
        // The 513th level is where the limit is crossed.
        case(
            Code::TooDeep,
            S,
            E,
            format!("{}[\"deep\"]{}", "[".repeat(512), "]".repeat(512)),
            "[\"deep\"]",
            ok.clone(),
        ),
        case(Code::DocumentShape, S, E, "[1, 2]".into(), "[1", ok.clone()),
        case(
            Code::DocumentShape,
            S,
            E,
            "{\"Hello\": 1}".into(),
            "{",
            ok.clone(),
        ),
        case(
            Code::MemberType,
            S,
            E,
            ok.replace("\"Name\": \"Test view\"", "\"Name\": 42"),
            "42",
            ok.clone(),
        ),
        case(
            Code::UnknownMember,
            S,
            W,
            ok.replace("\"Name\"", "\"Colour\": \"red\",\n  \"Name\""),
            "\"Colour\"",
            ok.clone(),
        ),
        case(
            Code::Name,
            S,
            E,
            ok.replace("Test view", "Test, view"),
            "\"Test, view\"",
            ok.clone(),
        ),
        case(
            Code::Name,
            S,
            E,
            ok.replace("Test view", " leading"),
            "\" leading\"",
            ok.clone(),
        ),
        // No Name (the `{Template, Actions}` content payload): named after the file.
        case(
            Code::Name,
            S,
            W,
            ok.replace("  \"Name\": \"Test view\",\n", ""),
            "{",
            ok.clone(),
        ),
        case(
            Code::Description,
            S,
            E,
            ok.replace("\"Name\"", "\"Description\": \"Line one!\",\n  \"Name\""),
            "\"Line one!\"",
            ok.replace(
                "\"Name\"",
                "\"Description\": \"Line one, (fine)\",\n  \"Name\"",
            ),
        ),
        case(
            Code::Tags,
            S,
            E,
            ok.replace("\"Name\"", "\"Tags\": {\"aws:team\": \"x\"},\n  \"Name\""),
            "\"aws:team\"",
            ok.replace("\"Name\"", "\"Tags\": {\"team\": \"x\"},\n  \"Name\""),
        ),
        case(
            Code::Tags,
            S,
            E,
            ok.replace(
                "\"Name\"",
                &format!(
                    "\"Tags\": {{\"team\": \"{}\"}},\n  \"Name\"",
                    "v".repeat(257)
                ),
            ),
            "\"vvv",
            ok.clone(),
        ),
        case(
            Code::TemplateShape,
            S,
            E,
            ok.replace("\"Template\": {", "\"Template\": [\"x\"], \"Old\": {"),
            "[\"x\"]",
            ok.clone(),
        ),
        case(
            Code::TemplateShape,
            P,
            E,
            ok.replace("\"Body\":", "\"Footer\": {},\n    \"Body\":"),
            "\"Footer\"",
            ok.clone(),
        ),
        case(
            Code::Head,
            S,
            E,
            ok.replace(
                "\"Head\": {\"Title\": \"Test\", \"Configuration\": {}},",
                "\"Heading\": {},",
            ),
            "{\n    \"Heading\"",
            ok.clone(),
        ),
        case(
            Code::Head,
            S,
            E,
            head("\"Test\""),
            "\"Test\"",
            head("{\"Title\": \"Test\"}"),
        ),
        case(
            Code::Title,
            S,
            E,
            head("{\"Title\": \"  \"}"),
            "\"  \"",
            head("{\"Title\": \"Orders\"}"),
        ),
        case(
            Code::Title,
            S,
            E,
            head("{\"Configuration\": {}}"),
            "\"Head\"",
            head("{\"Title\": \"Orders\", \"Configuration\": {}}"),
        ),
        case(
            Code::HeadConfiguration,
            P,
            E,
            head("{\"Title\": \"T\"}"),
            "\"Head\"",
            head("{\"Title\": \"T\", \"Configuration\": {}}"),
        ),
        case(
            Code::HeadConfiguration,
            S,
            E,
            head("{\"Title\": \"T\", \"Configuration\": []}"),
            "[]}",
            head("{\"Title\": \"T\"}"),
        ),
        case(Code::Body, S, E, view("[]", "{}"), "{}\n", view("[]", "[]")),
        case(
            Code::Node,
            S,
            E,
            view("[]", "[\"hello\"]"),
            "\"hello\"",
            view("[]", "[]"),
        ),
        case(
            Code::NodeType,
            S,
            E,
            node(r#"{"_id": "x", "Props": {}, "Content": []}"#),
            "{\"_id\": \"x\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeType,
            S,
            E,
            node(r#"{"_id": "x", "Type": 7, "Props": {}, "Content": []}"#),
            "7",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeId,
            S,
            E,
            node(r#"{"Type": "Loader", "Props": {}, "Content": []}"#),
            "{\"Type\": \"Loader\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeProps,
            S,
            E,
            node(r#"{"_id": "x", "Type": "Loader", "Content": []}"#),
            "{\"_id\": \"x\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeContent,
            S,
            E,
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": "no"}"#),
            "\"no\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeContent,
            S,
            E,
            text_node("{}", "[\"a\", 5]"),
            "5]",
            text_node("{}", "[\"a\", \"5\"]"),
        ),
        case(
            Code::NodeMember,
            P,
            E,
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Action": "Go"}"#),
            "\"Action\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::NodeMember,
            S,
            W,
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Action": "Go"}"#),
            "\"Action\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::Configuration,
            S,
            E,
            node(
                r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Configuration": {"Layout": "wide"}}"#,
            ),
            "\"wide\"",
            node(
                r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Configuration": {"Layout": {"Align": "right"}}}"#,
            ),
        ),
        case(
            Code::StyleKey,
            P,
            E,
            node(
                r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Configuration": {"Style": {"padding-top": "4px"}}}"#,
            ),
            "\"padding-top\"",
            node(
                r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": [], "Configuration": {"Style": {"--container-padding-top": "4px"}}}"#,
            ),
        ),
        case(
            Code::Columns,
            P,
            E,
            node(
                r#"{"_id": "x", "Type": "Section", "Props": {}, "Content": [], "Configuration": {"Layout": {"Columns": ["6", 13]}}}"#,
            ),
            "13",
            node(
                r#"{"_id": "x", "Type": "Section", "Props": {}, "Content": [], "Configuration": {"Layout": {"Columns": ["6", 6]}}}"#,
            ),
        ),
        case(
            Code::Columns,
            P,
            E,
            head("{\"Title\": \"T\", \"Configuration\": {\"Layout\": {\"Columns\": [\"0\"]}}}"),
            "\"0\"",
            head(
                "{\"Title\": \"T\", \"Configuration\": {\"Layout\": {\"Columns\": [\"10\", \"2\"]}}}",
            ),
        ),
        case(
            Code::DuplicateId,
            S,
            E,
            node(
                r#"{"_id": "same", "Type": "Loader", "Props": {}, "Content": []}, {"_id": "same", "Type": "Loader", "Props": {}, "Content": []}"#,
            ),
            "\"same\", \"Type\": \"Loader\", \"Props\": {}, \"Content\": []}\n",
            node(
                r#"{"_id": "one", "Type": "Loader", "Props": {}, "Content": []}, {"_id": "two", "Type": "Loader", "Props": {}, "Content": []}"#,
            ),
        ),
        // Two fields of one Name: a warning at the second (no evidence that the service
        // refuses it; their values collide in ViewResultData).
        case(
            Code::DuplicateName,
            S,
            W,
            in_container(
                "[]",
                r#"{"_id": "a", "Type": "FormInput", "Props": {"Name": "phone", "Label": "A"}, "Content": []},
        {"_id": "b", "Type": "FormInput", "Props": {"Label": "B", "Name": "phone"}, "Content": []}"#,
            ),
            "\"phone\"}",
            in_container(
                "[]",
                r#"{"_id": "a", "Type": "FormInput", "Props": {"Name": "phone", "Label": "A"}, "Content": []},
        {"_id": "b", "Type": "FormInput", "Props": {"Label": "B", "Name": "mobile"}, "Content": []}"#,
            ),
        ),
        // A near miss of a known type is a typo: an error with "did you mean".
        case(
            Code::UnknownComponent,
            P,
            E,
            node(r#"{"_id": "x", "Type": "Laoder", "Props": {}, "Content": []}"#),
            "\"Laoder\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::UnknownComponent,
            S,
            W,
            node(r#"{"_id": "x", "Type": "Laoder", "Props": {}, "Content": []}"#),
            "\"Laoder\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        // A type nothing resembles may be one the catalogue has not met: the service decides.
        case(
            Code::UnknownComponent,
            P,
            W,
            node(r#"{"_id": "x", "Type": "Carousel", "Props": {}, "Content": []}"#),
            "\"Carousel\"",
            node(r#"{"_id": "x", "Type": "Loader", "Props": {}, "Content": []}"#),
        ),
        case(
            Code::UnknownProp,
            P,
            E,
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "b", "Type": "Button", "Props": {"Action": "Go", "Label": "Go"}, "Content": []}"#,
            ),
            "\"Label\"",
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "b", "Type": "Button", "Props": {"Action": "Go"}, "Content": ["Go"]}"#,
            ),
        ),
        case(
            Code::UnknownProp,
            P,
            E,
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "g", "Type": "ButtonGroup", "Props": {"Items": [{"Label": "Go", "Action": "Go", "Colour": "red"}]}, "Content": []}"#,
            ),
            "\"Colour\"",
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "g", "Type": "ButtonGroup", "Props": {"Items": [{"Label": "Go", "Action": "Go"}]}, "Content": []}"#,
            ),
        ),
        // A field's props were never probed for sealing: a near miss is an error (the
        // transposition counts as one edit), an unfamiliar name a warning.
        case(
            Code::UnknownProp,
            P,
            E,
            node(&field(r#""Lable": "Phone""#)),
            "\"Lable\"",
            node(&field(r#""Label": "Phone""#)),
        ),
        case(
            Code::UnknownProp,
            P,
            W,
            node(&field(r#""Placeholder": "+1 555""#)),
            "\"Placeholder\"",
            node(&field(r#""HelperText": "+1 555""#)),
        ),
        // TextBox's props are not sealed: the service accepts Text and shows nothing.
        case(
            Code::UnknownProp,
            P,
            W,
            text_node(r#"{"Text": "Hello"}"#, "[]"),
            "\"Text\"",
            text_node("{}", r#"["Hello"]"#),
        ),
        case(
            Code::EnumValue,
            P,
            E,
            text_node(r#"{"Variant": "h6"}"#, "[\"x\"]"),
            "\"h6\"",
            text_node(r#"{"Variant": "h5"}"#, "[\"x\"]"),
        ),
        case(
            Code::EnumValue,
            S,
            W,
            text_node(r#"{"Variant": "h6"}"#, "[\"x\"]"),
            "\"h6\"",
            text_node(r#"{"Variant": "h5"}"#, "[\"x\"]"),
        ),
        // Icon names are a closed list AWS does not publish: a name not seen in an accepted
        // view is a note (the near miss suggested), never a refusal.
        case(
            Code::UnseenValue,
            P,
            N,
            node(
                r#"{"_id": "c", "Type": "Card", "Props": {"Id": "c", "Icon": "Headphones"}, "Content": []}"#,
            ),
            "\"Headphones\"",
            node(
                r#"{"_id": "c", "Type": "Card", "Props": {"Id": "c", "Icon": "Headset"}, "Content": []}"#,
            ),
        ),
        // An integration the body reads must be declared in the Head (the service's error
        // says integrations used in the body must be included in the view head); how is not
        // public, so any mention of its name in Head.Integrations counts.
        case(
            Code::IntegrationUndeclared,
            P,
            W,
            text_node("{}", r#"["$.#Crm.Tier"]"#),
            "\"$.#Crm.Tier\"",
            text_node("{}", r#"["$.#Crm.Tier"]"#).replace(
                r#""Configuration": {}}"#,
                r#""Configuration": {}, "Integrations": [{"Name": "Crm"}]}"#,
            ),
        ),
        // ConnectActionType's values are known only from the builder's output.
        case(
            Code::EnumValue,
            P,
            W,
            node(
                r#"{"_id": "a", "Type": "ConnectAction", "Props": {"ConnectActionType": "StartSmsContact"}, "Content": []}"#,
            ),
            "\"StartSmsContact\"",
            node(
                r#"{"_id": "a", "Type": "ConnectAction", "Props": {"ConnectActionType": "StartChatContact"}, "Content": []}"#,
            ),
        ),
        case(
            Code::PropKind,
            P,
            E,
            node(
                r#"{"_id": "d", "Type": "Dropdown", "Props": {"DefaultValue": "billing"}, "Content": []}"#,
            ),
            "\"billing\"",
            node(
                r#"{"_id": "d", "Type": "Dropdown", "Props": {"DefaultValue": ["billing"]}, "Content": []}"#,
            ),
        ),
        case(
            Code::PropKind,
            P,
            E,
            node(
                r#"{"_id": "c", "Type": "Container", "Props": {"HideBorder": "yes"}, "Content": []}"#,
            ),
            "\"yes\"",
            node(
                r#"{"_id": "c", "Type": "Container", "Props": {"HideBorder": "true"}, "Content": []}"#,
            ),
        ),
        case(
            Code::RequiredProp,
            P,
            E,
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "c", "Type": "Card", "Props": {"Action": "Go"}, "Content": []}"#,
            ),
            "\"Props\": {\"Action\"",
            in_container(
                r#"["Go"]"#,
                r#"{"_id": "c", "Type": "Card", "Props": {"Id": "c1", "Action": "Go"}, "Content": []}"#,
            ),
        ),
        // Documented as required but never seen refused: a warning.
        case(
            Code::RequiredProp,
            P,
            W,
            node(
                r#"{"_id": "f", "Type": "FormInput", "Props": {"Label": "Phone"}, "Content": []}"#,
            ),
            "\"Props\": {\"Label\"",
            node(&field(r#""Label": "Phone""#)),
        ),
        case(
            Code::TopLevelChildren,
            P,
            E,
            view(
                r#"["Go"]"#,
                r#"[{"_id": "b", "Type": "Button", "Props": {"Action": "Go"}, "Content": [{"_id": "t", "Type": "TextBox", "Props": {}, "Content": ["Go"]}]}]"#,
            ),
            "\"Content\": [{",
            view(
                r#"["Go"]"#,
                r#"[{"_id": "b", "Type": "Button", "Props": {"Action": "Go"}, "Content": ["Go"]}]"#,
            ),
        ),
        case(
            Code::UnexpectedContent,
            S,
            W,
            node(
                r#"{"_id": "i", "Type": "Image", "Props": {"Src": "a.png"}, "Content": ["caption"]}"#,
            ),
            "\"Content\": [\"caption\"]",
            node(r#"{"_id": "i", "Type": "Image", "Props": {"Src": "a.png"}, "Content": []}"#),
        ),
        case(
            Code::Condition,
            P,
            E,
            conditional(
                r#"{"Conditions": [{"Equal": {"ElementByKey": "reason"}, "Matches": {}}]}"#,
            ),
            "\"Matches\"",
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
        ),
        case(
            Code::Condition,
            P,
            E,
            conditional(
                r#"{"Condition": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
            "\"Condition\"",
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
        ),
        case(
            Code::Condition,
            P,
            E,
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementValue": "other"}}]}"#,
            ),
            "\"ElementValue\"",
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
        ),
        // An operator name from the service's older condition schema.
        case(
            Code::Condition,
            P,
            W,
            conditional(
                r#"{"Conditions": [{"Equal": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
            "\"Equal\"",
            conditional(
                r#"{"Conditions": [{"OrConditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}, {"Includes": {"ElementByKey": "reason", "ElementByValue": "billing"}}]}]}"#,
            ),
        ),
        case(
            Code::ConditionField,
            P,
            W,
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reasn", "ElementByValue": "other"}}]}"#,
            ),
            "\"reasn\"",
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
        ),
        case(
            Code::ConditionValue,
            P,
            W,
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "Other"}}]}"#,
            ),
            "\"Other\"}",
            conditional(
                r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#,
            ),
        ),
        case(
            Code::MalformedReference,
            S,
            E,
            text_node("{}", r#"["$.Orders[first].Id"]"#),
            "\"$.Orders[first]",
            text_node("{}", r#"["$.Orders[0].Id"]"#),
        ),
        case(
            Code::MalformedReference,
            S,
            E,
            node(
                r#"{"_id": "a", "Type": "AttributeBar", "Props": {"Attributes": [{"Label": "A", "Value": "$.Account."}]}, "Content": []}"#,
            ),
            "\"$.Account.\"",
            node(
                r#"{"_id": "a", "Type": "AttributeBar", "Props": {"Attributes": [{"Label": "A", "Value": "$.Account.Id"}]}, "Content": []}"#,
            ),
        ),
        case(
            Code::EmbeddedReference,
            S,
            W,
            text_node("{}", r#"["Hello $.CustomerName"]"#),
            "\"Hello",
            text_node("{}", r#"["Hello ", "$.CustomerName"]"#),
        ),
        case(
            Code::ReferenceOnUnknownProp,
            S,
            E,
            text_node(r#"{"Text": "$.Greeting"}"#, "[]"),
            "\"Text\"",
            text_node("{}", r#"["$.Greeting"]"#),
        ),
        // Whether the service refuses it is not known: a warning at both levels.
        case(
            Code::ActionNotListed,
            P,
            W,
            in_container("[]", &button("Go")),
            "\"Go\"}",
            ok.clone(),
        ),
        case(
            Code::ActionNotListed,
            S,
            W,
            in_container("[]", &button("Go")),
            "\"Go\"}",
            ok.clone(),
        ),
        case(
            Code::ActionNotRaised,
            S,
            W,
            in_container(r#"["Go", "Later"]"#, &button("Go")),
            "\"Later\"",
            ok.clone(),
        ),
        case(
            Code::ActionName,
            S,
            E,
            in_container(r#"["Go", "Go!"]"#, &button("Go")),
            "\"Go!\"",
            ok.clone(),
        ),
        case(
            Code::DuplicateAction,
            S,
            E,
            in_container(r#"["Go", "Go"]"#, &button("Go")),
            "\"Go\"]",
            ok.clone(),
        ),
        case(
            Code::ContentTooLarge,
            S,
            E,
            big(405),
            "{\n    \"Head\"",
            big(300),
        ),
        case(
            Code::ContentNearLimit,
            S,
            W,
            big(370),
            "{\n    \"Head\"",
            big(300),
        ),
    ]
}

#[test]
fn every_rule_fails_at_its_place_and_passes_when_fixed() {
    let mut failures = Vec::new();
    for c in cases() {
        let bad = diagnostics(&c.bad, c.level);
        let want = at(&c.bad, c.needle);
        let hit = bad
            .iter()
            .find(|d| d.code == c.code && d.start() == Some(want));
        match hit {
            None => failures.push(format!(
                "{} ({:?}): expected at {}:{}, got {:?}",
                c.code,
                c.level,
                want.line,
                want.column,
                bad.iter()
                    .map(|d| (d.code.as_str(), d.start().map(|s| (s.line, s.column))))
                    .collect::<Vec<_>>()
            )),
            Some(d) if d.severity != c.severity => failures.push(format!(
                "{} ({:?}): expected {:?}, got {:?}",
                c.code, c.level, c.severity, d.severity
            )),
            Some(d) => assert!(!d.message.is_empty()),
        }
        let good = diagnostics(&c.good, c.level);
        if let Some(d) = good.iter().find(|d| d.code == c.code) {
            failures.push(format!(
                "{} ({:?}): the fixed text still reports: {}",
                c.code, c.level, d.message
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_code_has_a_case() {
    let covered: Vec<Code> = cases().iter().map(|c| c.code).collect();
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| {
            !covered.contains(c) && **c != Code::Encoding && !c.as_str().starts_with("CV08")
        })
        .map(|c| c.as_str())
        .collect();
    // CV006 needs bytes that are not text: see documents::non_utf8_and_empty_files_are_diagnostics.
    // CV080-CV088 are about sample data, not views: see data::every_data_code_is_produced.
    assert!(missing.is_empty(), "codes without a test case: {missing:?}");
}

#[test]
fn the_examples_pass_full_validation() {
    for path in crate::common::examples() {
        let doc = connect_views::view::ViewDocument::load(&path).expect("example loads");
        let d = connect_views::view::validate(&doc, Level::Published);
        assert!(d.is_empty(), "{}: {:?}", path.display(), d);
    }
    assert!(crate::common::examples().len() >= 3);
}

#[test]
fn positions_are_mapped_through_cli_input_escapes() {
    // A CLI input file: the template is an escaped string, and the diagnostic must still
    // point at the right place in the file.
    let text = "{\n  \"Name\": \"Cli\",\n  \"Content\": {\n    \"Template\": \"{\\\"Head\\\": {\\\"Title\\\": \\\"T\\\", \\\"Configuration\\\": {}},\\n \\\"Body\\\": [{\\\"_id\\\": \\\"x\\\", \\\"Type\\\": \\\"Carousel\\\", \\\"Props\\\": {}, \\\"Content\\\": []}]}\",\n    \"Actions\": []\n  }\n}\n";
    let d = diagnostics(text, Level::Published);
    let unknown = d
        .iter()
        .find(|d| d.code == Code::UnknownComponent)
        .expect("CV040");
    assert_eq!(unknown.start(), Some(at(text, "\\\"Carousel")));
    assert_eq!(unknown.pointer, "/Template/Body/0/Type");
}

#[test]
fn saved_level_is_lenient_where_the_service_is() {
    let text = in_container(
        "[]",
        r#"{"_id": "x", "Type": "Contaner", "Props": {}, "Content": []}"#,
    );
    let saved = diagnostics(&text, Level::Saved);
    assert!(
        saved.iter().all(|d| d.severity == Severity::Warning),
        "{saved:?}"
    );
    let published = diagnostics(&text, Level::Published);
    assert!(published.iter().any(|d| d.severity == Severity::Error));
}

#[test]
fn near_misses_suggest_and_a_button_label_points_at_content() {
    let d = diagnostics(
        &in_container("[]", &field(r#""Lable": "Phone""#)),
        Level::Published,
    );
    let lable = d
        .iter()
        .find(|d| d.code == Code::UnknownProp)
        .expect("CV041");
    assert!(
        lable.message.contains("did you mean \"Label\"?"),
        "{}",
        lable.message
    );
    let d = diagnostics(
        &in_container(
            r#"["Go"]"#,
            r#"{"_id": "b", "Type": "Button", "Props": {"Action": "Go", "Label": "Go"}, "Content": []}"#,
        ),
        Level::Published,
    );
    let label = d
        .iter()
        .find(|d| d.code == Code::UnknownProp)
        .expect("CV041");
    assert_eq!(label.severity, Severity::Error);
    assert!(
        label.message.contains("a button's label is its Content"),
        "{}",
        label.message
    );
}

#[test]
fn unsure_findings_are_warnings_that_say_where_the_catalogue_knows_from() {
    let d = diagnostics(
        &in_container("[]", &field(r#""Label": "Phone", "Placeholder": "+1""#)),
        Level::Published,
    );
    let w = d
        .iter()
        .find(|d| d.code == Code::UnknownProp)
        .expect("CV041");
    assert_eq!(w.severity, Severity::Warning);
    assert!(
        w.message.contains("has not seen") && w.message.contains("known from probe"),
        "{}",
        w.message
    );
    let d = diagnostics(
        &in_container(
            "[]",
            r#"{"_id": "x", "Type": "Carousel", "Props": {"Slides": 3}, "Content": []}"#,
        ),
        Level::Published,
    );
    assert!(d.iter().all(|d| d.severity != Severity::Error), "{d:?}");
}

#[test]
fn ui_conditions_take_every_form_the_sources_show() {
    let condition =
        r#"{"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}"#;
    let nested = r#"{"Conditions": [{"AndConditions": [{"NotEquals": {"ElementByKey": "reason", "ElementByValue": "billing"}}, {"OrConditions": [{"MoreThan": {"ElementByKey": "reason", "ElementByValue": 3}}, {"LessThan": {"ElementByKey": "reason", "ElementByValue": 1}}]}]}]}"#;
    for visibility in [
        "true",
        "\"true\"",
        "false",
        "\"false\"",
        "\"$.ShowWhy\"",
        condition,
        nested,
    ] {
        let text = conditional(visibility);
        let d = diagnostics(&text, Level::Published);
        assert!(d.is_empty(), "Visibility {visibility}: {d:?}");
    }
    // Required and Disabled are driven the same way, on any field; Visibility on any component.
    let text = in_container(
        r#"["Go"]"#,
        &format!(
            r#"{{"_id": "reason", "Type": "Dropdown", "Props": {{"Name": "reason", "Label": "Reason", "Options": [{{"Label": "Other", "Value": "other"}}]}}, "Content": []}},
        {{"_id": "why", "Type": "TextArea", "Props": {{"Name": "why", "Label": "Why", "Required": {condition}, "Disabled": {condition}}}, "Content": []}},
        {{"_id": "b", "Type": "Button", "Props": {{"Action": "Go", "Visibility": {condition}}}, "Content": ["Go"]}},
        {{"_id": "h", "Type": "Header", "Props": {{"Visibility": {condition}}}, "Content": ["Why"]}}"#
        ),
    );
    let d = diagnostics(&text, Level::Published);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn a_condition_that_names_a_field_defined_later_is_found() {
    // Fields are collected from the whole view before conditions are checked.
    let text = in_container(
        "[]",
        r#"{"_id": "why", "Type": "TextArea", "Props": {"Name": "why", "Label": "Why", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "later", "ElementByValue": "x"}}]}}, "Content": []},
        {"_id": "later", "Type": "FormInput", "Props": {"Name": "later", "Label": "Later"}, "Content": []}"#,
    );
    let d = diagnostics(&text, Level::Published);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn what_the_service_accepts_today_stays_accepted() {
    // Head.Integrations, Style tokens, every Columns spelling, an empty AttributeSection
    // Columns, booleans and numbers as strings, action names with spaces, and components
    // that are not containers at the top level of Body.
    let text = r##"{
  "Name": "Accepted",
  "Actions": ["Go on", "Back up"],
  "Template": {
    "Head": {"Title": "T", "Integrations": [], "Configuration": {"Layout": {"Columns": [12]}, "Style": {"--primary-color-50": "#eaeafd"}}},
    "Body": [
      {"_id": "h", "Type": "Header", "Props": {"variant": "h2"}, "Content": ["Hello"]},
      {"_id": "b", "Type": "Button", "Props": {"Action": "Go on", "Disabled": "false"}, "Content": ["Go"]},
      {"_id": "f", "Type": "Form", "Props": {"HideBorder": "true"}, "Configuration": {"Layout": {"Columns": "12", "Align": "left"}}, "Content": [
        {"_id": "a", "Type": "AttributeSection", "Props": {"Columns": "", "Items": [{"Label": "A", "Value": "1"}]}, "Content": []},
        {"_id": "t", "Type": "TextArea", "Props": {"Name": "t", "Label": "T", "MaxLength": "500", "Required": "false"}, "Configuration": {"Layout": {"Columns": ["6", "6"]}}, "Content": []},
        {"_id": "c", "Type": "Container", "Props": {}, "Configuration": {"Layout": {"Columns": 12}, "Style": {"--container-border-radius": "5px"}}, "Content": [
          {"_id": "g", "Type": "ButtonGroup", "Props": {"Items": [{"Label": "Back", "Action": "Back up", "FormAction": "none"}]}, "Content": []}
        ]}
      ]}
    ]
  }
}"##;
    let d = diagnostics(text, Level::Published);
    assert!(d.is_empty(), "{d:?}");
}

/// The JSON Schema (`connect-views json-schema`) against the validator, on every rule's
/// failing and passing case: it never refuses a view file the validator accepts at that
/// level, and it refuses each one the validator is sure of where JSON Schema can say the
/// rule (`SCHEMA_SAYS`). The rules it cannot say (a unique `_id`, a near miss of a
/// component's name, actions raised against those listed, the content's size...) stay
/// the validator's.
#[test]
fn the_json_schema_refuses_the_sure_errors_and_nothing_the_validator_accepts() {
    use connect_views::view::{Catalog, json_schema};
    const SCHEMA_SAYS: &[Code] = &[
        Code::MemberType,
        Code::Name,
        Code::Description,
        Code::Tags,
        Code::TemplateShape,
        Code::Head,
        Code::Title,
        Code::HeadConfiguration,
        Code::Body,
        Code::Node,
        Code::NodeType,
        Code::NodeId,
        Code::NodeProps,
        Code::NodeContent,
        Code::NodeMember,
        Code::Columns,
        Code::EnumValue,
        Code::PropKind,
        Code::RequiredProp,
        Code::ActionName,
        Code::DuplicateAction,
    ];
    let schemas: Vec<(Level, jsonschema::Validator)> = [S, P]
        .into_iter()
        .map(|l| {
            let s = json_schema::of(Catalog::builtin(), l);
            (
                l,
                jsonschema::validator_for(&s).expect("the schema compiles"),
            )
        })
        .collect();
    let mut wrong = Vec::new();
    let (mut refused, mut accepted) = (0, 0);
    for c in cases() {
        let schema = &schemas.iter().find(|(l, _)| *l == c.level).unwrap().1;
        for text in [&c.bad, &c.good] {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
                continue; // not JSON: no schema reads it
            };
            if value.get("Template").is_none() {
                continue; // CLI input or a bare template: the schema is of view files
            }
            let errors: Vec<Code> = diagnostics(text, c.level)
                .iter()
                .filter(|d| d.severity == E)
                .map(|d| d.code)
                .collect();
            let valid = schema.is_valid(&value);
            if errors.is_empty() && !valid {
                let why: Vec<String> = schema.iter_errors(&value).map(|e| e.to_string()).collect();
                wrong.push(format!(
                    "{} ({:?}) accepted by the validator, refused: {why:?}\n{text}",
                    c.code, c.level
                ));
            } else if errors.iter().any(|e| SCHEMA_SAYS.contains(e)) && valid {
                wrong.push(format!("{:?} ({:?}) not refused:\n{text}", errors, c.level));
            }
            if valid { accepted += 1 } else { refused += 1 }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    assert!(
        refused > 20 && accepted > 50,
        "refused {refused}, accepted {accepted}"
    );
}
