//! What a view lives in: the flows and flow modules of the instance with their content
//! (SearchContactFlows and SearchContactFlowModules, 100 a page), a module's aliases and the
//! content of the versions they point at.

use super::client::ConnectClient;
use super::error::ConnectError;

type Result<T> = std::result::Result<T, ConnectError>;

/// A flow or a module, with the content a consumer runs.
#[derive(Debug, Clone)]
pub struct FlowContent {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub content: String,
}

/// A module alias: its name and the version it points at.
#[derive(Debug, Clone)]
pub struct ModuleAlias {
    pub name: String,
    pub version: i64,
}

/// A page of flows or modules: those read, about how many there are, the next page's token.
type ContentPage = (Vec<FlowContent>, usize, Option<String>);

/// Every page of a search, in order; `progress` hears how many are read of about how many.
async fn every_page<F, Fut>(
    mut page: F,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> Result<Vec<FlowContent>>
where
    F: FnMut(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<ContentPage>>,
{
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let (items, total, next) = page(token.take()).await?;
        out.extend(items);
        progress(out.len(), total.max(out.len()));
        match next.filter(|t| !t.is_empty()) {
            Some(t) => token = Some(t),
            None => return Ok(out),
        }
    }
}

impl ConnectClient {
    /// Every contact flow with its content; `progress` hears how many are read of about
    /// how many.
    pub async fn flows_with_content(
        &self,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> Result<Vec<FlowContent>> {
        let page = async |token: Option<String>| -> Result<ContentPage> {
            let page = self
                .sdk
                .search_contact_flows()
                .instance_id(&self.instance)
                .max_results(100)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| self.err("SearchContactFlows", None, e))?;
            let items = page.contact_flows().iter().map(|f| FlowContent {
                id: f.id().unwrap_or_default().to_string(),
                arn: f.arn().unwrap_or_default().to_string(),
                name: f.name().unwrap_or_default().to_string(),
                content: f.content().unwrap_or_default().to_string(),
            });
            let total = page.approximate_total_count().unwrap_or(0).max(0) as usize;
            Ok((
                items.collect(),
                total,
                page.next_token().map(str::to_string),
            ))
        };
        every_page(page, progress).await
    }

    /// Every flow module with its content.
    pub async fn modules_with_content(
        &self,
        progress: &mut (dyn FnMut(usize, usize) + Send),
    ) -> Result<Vec<FlowContent>> {
        let page = async |token: Option<String>| -> Result<ContentPage> {
            let page = self
                .sdk
                .search_contact_flow_modules()
                .instance_id(&self.instance)
                .max_results(100)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| self.err("SearchContactFlowModules", None, e))?;
            let items = page.contact_flow_modules().iter().map(|m| FlowContent {
                id: m.id().unwrap_or_default().to_string(),
                arn: m.arn().unwrap_or_default().to_string(),
                name: m.name().unwrap_or_default().to_string(),
                content: m.content().unwrap_or_default().to_string(),
            });
            let total = page.approximate_total_count().unwrap_or(0).max(0) as usize;
            Ok((
                items.collect(),
                total,
                page.next_token().map(str::to_string),
            ))
        };
        every_page(page, progress).await
    }

    /// A module's aliases.
    pub async fn module_aliases(&self, module: &str) -> Result<Vec<ModuleAlias>> {
        let mut out = Vec::new();
        let mut token = None;
        loop {
            let page = self
                .sdk
                .list_contact_flow_module_aliases()
                .instance_id(&self.instance)
                .contact_flow_module_id(module)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| self.err("ListContactFlowModuleAliases", None, e))?;
            out.extend(
                page.contact_flow_module_alias_summary_list()
                    .iter()
                    .map(|a| ModuleAlias {
                        name: a.alias_name().unwrap_or_default().to_string(),
                        version: a.version().unwrap_or_default(),
                    }),
            );
            match page.next_token().filter(|t| !t.is_empty()) {
                Some(t) => token = Some(t.to_string()),
                None => return Ok(out),
            }
        }
    }

    /// The content of a module's numbered version.
    pub async fn module_version(&self, module: &str, version: i64) -> Result<String> {
        let out = self
            .sdk
            .describe_contact_flow_module()
            .instance_id(&self.instance)
            .contact_flow_module_id(format!("{module}:{version}"))
            .send()
            .await
            .map_err(|e| self.err("DescribeContactFlowModule", None, e))?;
        Ok(out
            .contact_flow_module()
            .and_then(|m| m.content())
            .unwrap_or_default()
            .to_string())
    }
}

use std::collections::HashMap;

use crate::view::ViewDocument;
use crate::view::consumers::{Candidate, Facts, Follows, PageCandidate, Unknown};

/// What the instance holds that could show a view: its flows and modules (each module's
/// current content, and each numbered version an alias points at), and the kinds that could
/// not be read.
pub async fn read_candidates(
    client: &ConnectClient,
    progress: &mut (dyn FnMut(&str, usize, usize) + Send),
) -> Result<(Vec<Candidate>, Vec<Unknown>)> {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    match client
        .flows_with_content(&mut |n, of| progress("flows", n, of))
        .await
    {
        Ok(flows) => out.extend(flows.into_iter().map(|f| Candidate {
            kind: "flow",
            name: f.name,
            source: f.arn,
            version: None,
            aliases: Vec::new(),
            content: f.content,
        })),
        Err(e) if e.kind == super::ErrorKind::AccessDenied => unknown.push(Unknown {
            kind: "flows",
            permission: "connect:SearchContactFlows".into(),
            message: e.message,
        }),
        Err(e) => return Err(e),
    }
    match client
        .modules_with_content(&mut |n, of| progress("modules", n, of))
        .await
    {
        Ok(modules) => {
            for m in modules {
                out.extend(module_candidates(client, m).await?);
            }
        }
        Err(e) if e.kind == super::ErrorKind::AccessDenied => unknown.push(Unknown {
            kind: "modules",
            permission: "connect:SearchContactFlowModules".into(),
            message: e.message,
        }),
        Err(e) => return Err(e),
    }
    Ok((out, unknown))
}

/// A module's current content, and each version its aliases point at (once, with the
/// aliases' names).
async fn module_candidates(client: &ConnectClient, m: FlowContent) -> Result<Vec<Candidate>> {
    let aliases = client.module_aliases(&m.id).await?;
    let mut versions: Vec<(i64, Vec<String>)> = Vec::new();
    for a in aliases {
        match versions.iter_mut().find(|(v, _)| *v == a.version) {
            Some((_, names)) => names.push(a.name),
            None => versions.push((a.version, vec![a.name])),
        }
    }
    let mut out = Vec::new();
    for (version, names) in versions {
        out.push(Candidate {
            kind: "module",
            name: m.name.clone(),
            source: format!("{}:{version}", m.arn),
            version: Some(version),
            aliases: names,
            content: client.module_version(&m.id, version).await?,
        });
    }
    out.insert(
        0,
        Candidate {
            kind: "module",
            name: m.name,
            source: m.arn,
            version: None,
            aliases: Vec::new(),
            content: m.content,
        },
    );
    Ok(out)
}

/// The facts of each version of the view (`id`, unqualified) the consumers follow: a
/// numbered version as the service holds it (its own InputSchema), `$LATEST` and `$SAVED`
/// likewise, or, when a change is judged before it is submitted (`change`: the document and
/// whether it is published), the change in place of what it moves. A version the service no
/// longer holds is left out (its blocks are unmatched).
pub async fn view_facts(
    client: &ConnectClient,
    id: &str,
    follows: &[Follows],
    change: Option<(&ViewDocument, bool)>,
) -> Result<HashMap<Follows, Facts>> {
    let mut out = HashMap::new();
    for f in follows {
        let facts = match change {
            Some((doc, publish)) if Follows::moved_by(publish).contains(f) => {
                Facts::of(doc, None).ok()
            }
            _ => {
                let qualifier = match f {
                    Follows::Latest => "$LATEST".to_string(),
                    Follows::Saved => "$SAVED".to_string(),
                    Follows::Version(n) => n.to_string(),
                };
                match client.describe_view(&format!("{id}:{qualifier}")).await {
                    Ok(v) => Facts::of(&v.document(), Some(&v.input_schema)).ok(),
                    Err(e) if e.kind == super::ErrorKind::ViewNotFound => None,
                    Err(e) => return Err(e),
                }
            }
        };
        if let Some(facts) = facts {
            out.insert(f.clone(), facts);
        }
    }
    Ok(out)
}

/// Every page of every workspace of the instance (ListWorkspaces, ListWorkspacePages); a
/// caller who may not read them gets them as unknown.
pub async fn read_pages(client: &ConnectClient) -> Result<(Vec<PageCandidate>, Vec<Unknown>)> {
    match pages(client).await {
        Ok(p) => Ok((p, Vec::new())),
        Err(e) if e.kind == super::ErrorKind::AccessDenied => Ok((
            Vec::new(),
            vec![Unknown {
                kind: "workspace pages",
                permission: "connect:ListWorkspaces and connect:ListWorkspacePages".into(),
                message: e.message,
            }],
        )),
        Err(e) => Err(e),
    }
}

async fn pages(client: &ConnectClient) -> Result<Vec<PageCandidate>> {
    let mut workspaces = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .sdk
            .list_workspaces()
            .instance_id(&client.instance)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| client.err("ListWorkspaces", None, e))?;
        workspaces.extend(page.workspace_summary_list().iter().map(|w| {
            (
                w.id().unwrap_or_default().to_string(),
                w.name().unwrap_or_default().to_string(),
                w.arn().unwrap_or_default().to_string(),
            )
        }));
        match page.next_token().filter(|t| !t.is_empty()) {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    let mut out = Vec::new();
    for (id, name, arn) in workspaces {
        let mut token = None;
        loop {
            let page = client
                .sdk
                .list_workspace_pages()
                .instance_id(&client.instance)
                .workspace_id(&id)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| client.err("ListWorkspacePages", None, e))?;
            out.extend(page.workspace_page_list().iter().map(|p| PageCandidate {
                workspace: name.clone(),
                page: p.page().unwrap_or_default().to_string(),
                view: p.resource_arn().unwrap_or_default().to_string(),
                input_data: p.input_data().map(str::to_string),
                source: arn.clone(),
            }));
            match page.next_token().filter(|t| !t.is_empty()) {
                Some(t) => token = Some(t.to_string()),
                None => break,
            }
        }
    }
    Ok(out)
}

/// What an instance holds that could show the view `id` (its ARN `arn`, unqualified): read
/// once, judged against as many revisions as need it.
#[derive(Debug)]
pub struct Reads {
    pub id: String,
    pub arn: String,
    pub candidates: Vec<Candidate>,
    pub pages: Vec<PageCandidate>,
    pub unknown: Vec<Unknown>,
    pub read_at: std::time::SystemTime,
}

/// Reads every flow, module and workspace page of the instance (the kinds the caller may
/// not read come back as unknown).
pub async fn read_consumers(
    client: &ConnectClient,
    (id, arn): (&str, &str),
    progress: &mut (dyn FnMut(&str, usize, usize) + Send),
) -> Result<Reads> {
    let (candidates, mut unknown) = read_candidates(client, progress).await?;
    let (pages, denied) = read_pages(client).await?;
    unknown.extend(denied);
    Ok(Reads {
        id: id.to_string(),
        arn: arn.to_string(),
        candidates,
        pages,
        unknown,
        read_at: std::time::SystemTime::now(),
    })
}

/// The consumers in `reads` judged, each against the version it follows, or with `change`
/// (the document and whether it is published) in place of what the change moves. Only the
/// versions they follow are described.
pub async fn judge_reads(
    client: &ConnectClient,
    reads: &Reads,
    label: String,
    change: Option<(&ViewDocument, bool)>,
) -> Result<crate::view::consumers::Report> {
    use crate::view::consumers::{judge_all, needed};
    let follows = needed(&reads.candidates, &reads.pages, &reads.arn);
    let facts = view_facts(client, &reads.id, &follows, change).await?;
    let moved = change.map(|(_, publish)| Follows::moved_by(publish));
    let mut report = judge_all(
        &label,
        &reads.arn,
        (&reads.candidates, &reads.pages),
        &facts,
        moved,
    );
    report.unknown = reads.unknown.clone();
    report.read_at = Some(reads.read_at);
    Ok(report)
}

/// Every consumer of the view `id` (its ARN `arn`, unqualified) read and judged.
pub async fn consumers_of(
    client: &ConnectClient,
    (id, arn, label): (&str, &str, String),
    change: Option<(&ViewDocument, bool)>,
    progress: &mut (dyn FnMut(&str, usize, usize) + Send),
) -> Result<crate::view::consumers::Report> {
    let reads = read_consumers(client, (id, arn), progress).await?;
    judge_reads(client, &reads, label, change).await
}

/// The page `WORKSPACE/PAGE` (the workspace by name or id): the view it shows and its
/// `InputData`.
pub async fn page(client: &ConnectClient, spec: &str) -> Result<PageCandidate> {
    let not_found = |message: String| ConnectError {
        operation: "ListWorkspacePages",
        instance: client.instance.clone(),
        view: None,
        kind: super::ErrorKind::ViewNotFound,
        code: None,
        message,
        request_id: None,
        advice: "give the page as WORKSPACE/PAGE: the workspace's name or id, then the page".into(),
    };
    let Some((workspace, name)) = spec.split_once('/') else {
        return Err(not_found(format!("\"{spec}\" is not WORKSPACE/PAGE")));
    };
    let all = pages(client).await?;
    let in_workspace: Vec<&PageCandidate> = all
        .iter()
        .filter(|p| p.workspace == workspace || p.source.rsplit('/').next() == Some(workspace))
        .collect();
    if in_workspace.is_empty() {
        return Err(not_found(format!(
            "no workspace \"{workspace}\" with pages on the instance"
        )));
    }
    in_workspace
        .iter()
        .find(|p| p.page == name)
        .map(|p| (*p).clone())
        .ok_or_else(|| {
            let names: Vec<&str> = in_workspace.iter().map(|p| p.page.as_str()).collect();
            not_found(format!(
                "workspace \"{workspace}\" has no page \"{name}\"; it has {}",
                names.join(", ")
            ))
        })
}
