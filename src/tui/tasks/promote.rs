//! A promotion from the browser: planned, then applied, between the designer's instance and
//! an environment.

use std::sync::Arc;

use super::{Client, Runner, connected};
use crate::connect::promote::ViewPlan;
use crate::connect::{ConnectClient, ConnectOptions};
use crate::tui::event::TaskEvent;

impl Runner {
    pub(super) fn plan_promotion(&mut self, view: String, to: String) {
        let (client, options, tx) = (self.client.clone(), self.options.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = async {
                let ends = promotion_ends(&client, &options, &to).await?;
                let spec = crate::connect::ViewSpec::parse(&view);
                let plans = ends
                    .promotion()
                    .plan(std::slice::from_ref(&spec))
                    .await
                    .map_err(|e| e.to_string())?;
                Ok((plans, ends.target.protected()))
            }
            .await;
            Self::send(&tx, TaskEvent::PromotionPlanned { result });
        });
    }

    pub(super) fn apply_promotion(&mut self, to: String, plans: Vec<ViewPlan>) {
        let (client, options, tx) = (self.client.clone(), self.options.clone(), self.tx.clone());
        tokio::spawn(async move {
            let result = async {
                let ends = promotion_ends(&client, &options, &to).await?;
                let promotion = ends.promotion();
                let mut applied = Vec::new();
                for p in &plans {
                    applied.push(promotion.apply(p).await.map_err(|e| e.to_string())?);
                }
                Ok(applied)
            }
            .await;
            Self::send(&tx, TaskEvent::Promoted { result });
        });
    }
}

/// Both ends of a promotion from the designer's instance to an environment, the source
/// environment's name and the ARN map.
struct Ends {
    source: Arc<ConnectClient>,
    target: ConnectClient,
    from: String,
    map: indexmap::IndexMap<String, String>,
}

impl Ends {
    /// The promotion of the browser's view (its content as it is, no history).
    fn promotion(&self) -> crate::connect::promote::Promotion<'_> {
        crate::connect::promote::Promotion {
            source: &self.source,
            target: &self.target,
            from: self.from.clone(),
            map: self.map.clone(),
            history: false,
        }
    }
}

async fn promotion_ends(
    client: &Client,
    options: &ConnectOptions,
    to: &str,
) -> Result<Ends, String> {
    let source = connected(client, options)
        .await
        .map_err(|e| e.to_string())?;
    let from = options.env.clone().unwrap_or_else(|| "default".into());
    let (to, map) = crate::connect::promote::target_of(&from, to)?;
    let target = ConnectClient::connect(&to)
        .await
        .map_err(|e| e.to_string())?;
    Ok(Ends {
        source,
        target,
        from,
        map,
    })
}
