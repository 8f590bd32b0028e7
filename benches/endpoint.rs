//! The local endpoint through the real SDK over loopback HTTP: DescribeView with 4
//! concurrent clients, and durable CreateView (each committed to disk before the answer).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_connect::types::{ViewInputContent, ViewStatus};
use connect_views::local::LocalServer;
use connect_views::view::ViewDocument;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const INSTANCE: &str = connect_views::local::LOCAL_INSTANCE_ID;

fn sdk(url: &str) -> aws_sdk_connect::Client {
    let conf = aws_sdk_connect::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("bench", "bench", None, None, "bench"))
        .http_client(connect_views::connect::http_client())
        .endpoint_url(url)
        .build();
    aws_sdk_connect::Client::from_conf(conf)
}

fn content() -> ViewInputContent {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/order-cards.view.json"
    );
    let doc = ViewDocument::load(std::path::Path::new(path)).unwrap();
    ViewInputContent::builder()
        .template(doc.compact_template().unwrap())
        .set_actions(Some(doc.actions.clone()))
        .build()
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let server = rt
        .block_on(LocalServer::start(
            "127.0.0.1:0".parse().unwrap(),
            &dir.path().join("bench.sqlite3"),
        ))
        .unwrap();
    let url = server.url();
    let clients: Vec<_> = (0..4).map(|_| sdk(&url)).collect();
    let id = rt.block_on(async {
        let v = clients[0]
            .create_view()
            .instance_id(INSTANCE)
            .name("Described")
            .status(ViewStatus::Published)
            .content(content())
            .send()
            .await
            .unwrap();
        v.view().unwrap().id().unwrap().to_string()
    });

    let mut g = c.benchmark_group("endpoint");
    g.throughput(Throughput::Elements(1));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("describe_view_4_clients", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                let per = iters.div_ceil(4);
                let tasks: Vec<_> = clients
                    .iter()
                    .map(|c| {
                        let c = c.clone();
                        let id = id.clone();
                        tokio::spawn(async move {
                            for _ in 0..per {
                                c.describe_view()
                                    .instance_id(INSTANCE)
                                    .view_id(&id)
                                    .send()
                                    .await
                                    .unwrap();
                            }
                        })
                    })
                    .collect();
                for t in tasks {
                    t.await.unwrap();
                }
                start.elapsed().mul_f64(iters as f64 / (per * 4) as f64)
            })
        })
    });
    let counter = AtomicUsize::new(0);
    let body = content();
    g.bench_function("create_view_durable", |b| {
        b.iter_custom(|iters| {
            rt.block_on(async {
                let start = Instant::now();
                for _ in 0..iters {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    clients[0]
                        .create_view()
                        .instance_id(INSTANCE)
                        .name(format!("created {n}"))
                        .status(ViewStatus::Published)
                        .content(body.clone())
                        .send()
                        .await
                        .unwrap();
                }
                start.elapsed()
            })
        })
    });
    g.finish();
    drop(server);
}

/// A promotion plan for 100 views, each with a numbered version replayed (`--history`),
/// between two local endpoints: both listed, every view's $LATEST, versions and each
/// version described. Nothing is written.
fn promote_plan(c: &mut Criterion) {
    use connect_views::connect::promote::Promotion;
    use connect_views::connect::{ConnectClient, ConnectOptions};
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = rt.block_on(async {
        let a = LocalServer::start(
            "127.0.0.1:0".parse().unwrap(),
            &dir.path().join("a.sqlite3"),
        )
        .await
        .unwrap();
        let b = LocalServer::start(
            "127.0.0.1:0".parse().unwrap(),
            &dir.path().join("b.sqlite3"),
        )
        .await
        .unwrap();
        (a, b)
    });
    let (src, tgt) = rt.block_on(async {
        let s = sdk(&source.url());
        for i in 0..100 {
            let id = s
                .create_view()
                .instance_id(INSTANCE)
                .name(format!("view {i:03}"))
                .status(ViewStatus::Published)
                .content(content())
                .send()
                .await
                .unwrap()
                .view()
                .unwrap()
                .id()
                .unwrap()
                .to_string();
            s.create_view_version()
                .instance_id(INSTANCE)
                .view_id(&id)
                .send()
                .await
                .unwrap();
        }
        let client = |url: String| async move {
            ConnectClient::connect(&ConnectOptions {
                endpoint_url: Some(url),
                instance_id: Some(INSTANCE.into()),
                ..Default::default()
            })
            .await
            .unwrap()
        };
        (client(source.url()).await, client(target.url()).await)
    });
    let promotion = Promotion {
        source: &src,
        target: &tgt,
        from: "test".into(),
        map: Default::default(),
        history: true,
    };
    let mut g = c.benchmark_group("promote");
    g.sample_size(10);
    g.bench_function("plan_100_views_with_history", |b| {
        b.iter(|| {
            let plans = rt.block_on(promotion.plan(&[])).unwrap();
            assert_eq!(plans.len(), 100);
        })
    });
    g.finish();
}

criterion_group!(endpoint, benches, promote_plan);
criterion_main!(endpoint);
