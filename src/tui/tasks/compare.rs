//! What the diff pane compares the buffer with, read off the UI task.

use std::sync::Arc;

use super::{Client, Runner, connected};
use crate::connect::{ConnectClient, ConnectOptions};
use crate::tui::event::TaskEvent;
use crate::tui::panes::diff::{Fetched, diff_from};
use crate::view::tree::Tree;

impl Runner {
    pub(super) fn fetch_compare(
        &mut self,
        what: String,
        label: String,
        name: String,
        view_id: Option<String>,
        buffer: Option<(Arc<Tree>, u64, Vec<String>)>,
    ) {
        let (client, options, tx) = (self.client.clone(), self.options.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = match compare_side(&client, &options, &what, &name, view_id).await {
                Ok((template, actions)) => {
                    tokio::task::spawn_blocking(move || fetched(&template, actions, buffer))
                        .await
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            };
            Self::send(&tx, TaskEvent::Compared { label, result });
        });
    }
}

/// The other side parsed, and its diff against the buffer's last tree.
fn fetched(
    template: &str,
    actions: Vec<String>,
    buffer: Option<(Arc<Tree>, u64, Vec<String>)>,
) -> Fetched {
    let tree = Tree::parse(template).map(Arc::new);
    let diff = tree
        .clone()
        .zip(buffer)
        .map(|(tree, (buffer, revision, ours))| {
            (diff_from((&tree, &actions), (&buffer, &ours)), revision)
        });
    Fetched {
        tree,
        actions,
        diff,
    }
}

/// What the diff pane compares the buffer with (see `Effect::FetchCompare`).
async fn compare_side(
    client: &Client,
    options: &ConnectOptions,
    what: &str,
    name: &str,
    view_id: Option<String>,
) -> Result<(String, Vec<String>), String> {
    use crate::connect::side::SideRef;
    use crate::view::status::Qualifier;
    let (env, rest) = match SideRef::read(what) {
        SideRef::File(path) => {
            let doc = tokio::task::spawn_blocking(move || crate::view::ViewDocument::load(&path))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| format!("{what}: {e}"))?;
            return Ok((doc.template, doc.actions));
        }
        SideRef::View { env, view } => (
            env.map(|e| crate::connect::env::options(&e)).transpose()?,
            view,
        ),
    };
    let rest = rest.as_str();
    let c = match &env {
        Some(env) => Arc::new(
            ConnectClient::connect(env)
                .await
                .map_err(|e| e.to_string())?,
        ),
        None => connected(client, options)
            .await
            .map_err(|e| e.to_string())?,
    };
    let target = if rest.is_empty() || Qualifier::looks_like(rest) {
        // The buffer's view: its id on this instance when opened from it, else by name.
        let id = match (&env, view_id) {
            (None, Some(id)) => id,
            _ => c
                .find_by_name(name)
                .await
                .map_err(|e| e.to_string())?
                .map(|v| v.id)
                .ok_or_else(|| format!("no view named \"{name}\" on {}", c.where_to()))?,
        };
        if rest.is_empty() {
            id
        } else {
            format!("{id}:{rest}")
        }
    } else {
        c.resolve(&crate::connect::ViewSpec::parse(rest))
            .await
            .map_err(|e| e.to_string())?
    };
    let v = c.describe_view(&target).await.map_err(|e| e.to_string())?;
    Ok((v.template, v.actions))
}
