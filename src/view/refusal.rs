//! What a service refusal names: the JSON paths in a validation error's message, found in
//! the template the refusal was for. The service's validator (AJV) names instance paths from
//! the template's root (`/Body/0/Props/Label`); the local endpoint names them from the view
//! (`/Template/Body/0/Props/Label`). Both are understood.

use std::ops::Range;

use super::document::ViewDocument;

/// The template pointers a message names (from the template's root, without `/Template`),
/// in order, each once.
pub fn named_paths(message: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in message.split(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '"' | '\'' | '`' | '(' | ')' | '[' | ']')
    }) {
        let word = word.trim_end_matches(['.', ':']);
        let pointer = match word.strip_prefix("/Template") {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
            Some(_) => continue,
            None if ["/Body", "/Head"]
                .iter()
                .any(|root| word == *root || word.starts_with(&format!("{root}/"))) =>
            {
                word
            }
            None => continue,
        };
        let pointer = pointer.to_string();
        if !out.contains(&pointer) {
            out.push(pointer);
        }
    }
    out
}

/// Where a named path is in the document's source text (byte range), if it is there.
pub fn locate(doc: &ViewDocument, pointer: &str) -> Option<Range<usize>> {
    let range = super::json::locate_pointer(&doc.template, pointer)?;
    Some(doc.origin.template_map.map_range(range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_in_both_styles_are_found_once() {
        let message = "Invalid view content: /Body/0/Type must be equal to one of the allowed \
                       values; /Template/Body/1/Props/Label at 9:64: CV041 …, and /Body/0/Type. \
                       /Templates/x is not one, nor /Bodyguard";
        assert_eq!(
            named_paths(message),
            vec!["/Body/0/Type", "/Body/1/Props/Label"]
        );
    }

    #[test]
    fn named_paths_are_located_in_the_file() {
        let text = "{\n  \"Name\": \"N\",\n  \"Actions\": [],\n  \"Template\": {\n    \"Head\": {\"Title\": \"T\"},\n    \"Body\": [{\"_id\": \"x\", \"Type\": \"Bogus\", \"Props\": {}, \"Content\": []}]\n  }\n}\n";
        let doc = ViewDocument::from_text(text, None).unwrap();
        let range = locate(&doc, "/Body/0/Type").unwrap();
        assert_eq!(&text[range], "\"Bogus\"");
        assert_eq!(locate(&doc, "/Body/3"), None);
    }
}
