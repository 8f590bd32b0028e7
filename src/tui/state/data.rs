//! The sample data sets of the document: which is shown in the data tab, and their changes.

use super::{Document, Editor, sample_sets};

impl Document {
    /// The names of the sample data sets, in file order.
    pub fn data_sets(&self) -> Vec<String> {
        sample_sets(&self.extra)
            .map(|s| s.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Puts a sample data set in the data editor.
    pub fn show_data_set(&mut self, name: Option<String>) {
        let text = name
            .as_ref()
            .and_then(|n| sample_sets(&self.extra)?.get(n))
            .map(|v| serde_json::to_string_pretty(v).unwrap_or_default())
            .unwrap_or_default();
        *self.data_editor_mut() = Editor::new(&text);
        self.data_set = name;
        self.data_unparsed = false;
    }

    /// Takes the data editor's text into `SampleData` when it parses.
    pub fn sync_data(&mut self) {
        let Some(set) = self.data_set.clone() else {
            return;
        };
        match serde_json::from_str::<serde_json::Value>(&self.data_editor().text()) {
            Ok(value) => {
                self.data_unparsed = false;
                self.put_data_set(set, value);
            }
            Err(_) => self.data_unparsed = true,
        }
    }

    /// Renames a sample data set, keeping its place among the sets.
    pub fn rename_data_set(&mut self, old: &str, new: &str) {
        if let Some(serde_json::Value::Object(sets)) = self.extra.get_mut("SampleData") {
            let renamed: serde_json::Map<String, serde_json::Value> = std::mem::take(sets)
                .into_iter()
                .map(|(k, v)| {
                    if k == old {
                        (new.to_string(), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *sets = renamed;
        }
        if self.data_set.as_deref() == Some(old) {
            self.data_set = Some(new.to_string());
        }
    }

    /// Deletes a sample data set; the next one (if any) is shown.
    pub fn delete_data_set(&mut self, name: &str) {
        if let Some(serde_json::Value::Object(sets)) = self.extra.get_mut("SampleData") {
            sets.shift_remove(name);
            if sets.is_empty() {
                self.extra.remove("SampleData");
            }
        }
        let next = self.data_sets().into_iter().next();
        self.show_data_set(next);
    }

    /// Adds or replaces a sample data set in `SampleData`.
    pub fn put_data_set(&mut self, name: String, value: serde_json::Value) {
        let sets = self
            .extra
            .entry("SampleData")
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
        if !sets.is_object() {
            *sets = serde_json::Value::Object(Default::default());
        }
        if let Some(map) = sets.as_object_mut() {
            map.insert(name, value);
        }
    }
}
