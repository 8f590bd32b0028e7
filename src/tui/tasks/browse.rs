//! The browser's listings: the views page by page (latest wins), a view's versions.

use tokio::sync::mpsc::UnboundedSender;

use super::{BROWSE_DEBOUNCE, Client, Runner, connected};
use crate::connect::{ConnectError, ConnectOptions};
use crate::tui::event::{AppEvent, TaskEvent};

impl Runner {
    pub(super) fn browse(&mut self, generation: u64, query: String, debounce: bool) {
        if let Some(previous) = self.browse.take() {
            previous.abort();
        }
        let (client, options, tx) = (self.client.clone(), self.options.clone(), self.tx.clone());
        self.browse = Some(tokio::spawn(async move {
            if debounce {
                tokio::time::sleep(BROWSE_DEBOUNCE).await;
            }
            if let Err(error) = list(&client, &options, &tx, generation, &query).await {
                Self::send(&tx, TaskEvent::ViewsFailed { generation, error });
            }
        }));
    }

    /// ListViewVersions of the view under the selection, once it rests there.
    pub(super) fn browse_versions(&mut self, view: String) {
        if let Some(previous) = self.versions.take() {
            previous.abort();
        }
        let listed = view.clone();
        self.versions = Some(self.call(
            async move |c| {
                tokio::time::sleep(BROWSE_DEBOUNCE).await;
                c.list_view_versions(&listed).await
            },
            move |result| TaskEvent::Versions { view, result },
        ));
    }
}

/// The browser's listing: the customer's views first, then the AWS-managed ones, each page
/// sent as it arrives.
async fn list(
    client: &Client,
    options: &ConnectOptions,
    tx: &UnboundedSender<AppEvent>,
    generation: u64,
    query: &str,
) -> Result<(), ConnectError> {
    use crate::connect::ViewTypeFilter;
    let c = connected(client, options).await?;
    let kinds = [ViewTypeFilter::Customer, ViewTypeFilter::Aws];
    let mut first = true;
    for (k, kind) in kinds.iter().enumerate() {
        let mut token = None;
        loop {
            let (views, next) = if query.is_empty() {
                c.list_views_page(Some(*kind), token.take()).await?
            } else {
                c.search_views_page(query, Some(*kind), token.take())
                    .await?
            };
            let more = next.is_some() || k + 1 < kinds.len();
            Runner::send(
                tx,
                TaskEvent::ViewsPage {
                    generation,
                    first,
                    views,
                    more,
                },
            );
            first = false;
            match next {
                Some(t) => token = Some(t),
                None => break,
            }
        }
    }
    Ok(())
}
