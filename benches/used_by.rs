//! `used-by` at scale, through the real SDK over loopback HTTP: an instance of 2,000 flows of
//! about 50 kB each (one in a hundred showing the view), 20 modules and 17 workspace pages,
//! read and judged from a cold client; and the judgement of one consumer against a 400 kB
//! view (the facts made once, as the designer keeps them).

use std::time::Duration;

use aws_sdk_connect::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_connect::types::{ContactFlowType, ViewInputContent, ViewStatus};
use connect_views::connect::{ConnectClient, ConnectOptions};
use connect_views::local::LocalServer;
use connect_views::view::ViewDocument;
use connect_views::view::consumers::{Facts, Match, judge_flow};
use criterion::{Criterion, criterion_group, criterion_main};

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

fn view() -> ViewDocument {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corpus/describe-view/enviar-whatsapp-form.json"
    );
    ViewDocument::load(std::path::Path::new(path)).unwrap()
}

/// The sample flow showing `arn`, padded with message blocks to about 50 kB.
fn flow(arn: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/flows/whatsapp-send-guide.json"
    );
    let mut f: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f["Actions"][2]["Parameters"]["ViewResource"]["Id"] = format!("{arn}:$LATEST").into();
    let actions = f["Actions"].as_array_mut().unwrap();
    let mut i = 0;
    while serde_json::to_string(actions).unwrap().len() < 50_000 {
        actions.push(serde_json::json!({
            "Identifier": format!("pad-{i}"), "Type": "MessageParticipant",
            "Parameters": {"Text": "Thank you for calling; an agent will be with you shortly. ".repeat(4)},
            "Transitions": {"NextAction": "a0c3aef3-d4c7-4de1-8aa3-73a378389f22",
                "Errors": [{"NextAction": "a0c3aef3-d4c7-4de1-8aa3-73a378389f22", "ErrorType": "NoMatchingError"}]}
        }));
        i += 1;
    }
    f.to_string()
}

fn instance(c: &mut Criterion) {
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
    let s = sdk(&url);
    let doc = view();
    let (id, arn) = rt.block_on(async {
        let v = s
            .create_view()
            .instance_id(INSTANCE)
            .name(&doc.name)
            .status(ViewStatus::Published)
            .content(
                ViewInputContent::builder()
                    .template(doc.compact_template().unwrap())
                    .set_actions(Some(doc.actions.clone()))
                    .build(),
            )
            .send()
            .await
            .unwrap();
        let v = v.view().unwrap();
        let arn = v.arn().unwrap().to_string();
        let shows = flow(&arn);
        let other = shows.replace(
            &arn,
            "arn:aws:connect:us-east-1:000000000000:instance/x/view/other",
        );
        for i in 0..2000 {
            s.create_contact_flow()
                .instance_id(INSTANCE)
                .name(format!("flow {i:04}"))
                .r#type(ContactFlowType::ContactFlow)
                .content(if i % 100 == 0 { &shows } else { &other })
                .send()
                .await
                .unwrap();
        }
        for i in 0..20 {
            s.create_contact_flow_module()
                .instance_id(INSTANCE)
                .name(format!("module {i:02}"))
                .content(&other)
                .send()
                .await
                .unwrap();
        }
        let ws = s
            .create_workspace()
            .instance_id(INSTANCE)
            .name("Desk")
            .send()
            .await
            .unwrap();
        for i in 0..17 {
            s.create_workspace_page()
                .instance_id(INSTANCE)
                .workspace_id(ws.workspace_id())
                .resource_arn(&arn)
                .page(format!("page{i}"))
                .input_data(r#"{"fullName": "Ana"}"#)
                .send()
                .await
                .unwrap();
        }
        (v.id().unwrap().to_string(), arn)
    });
    let mut g = c.benchmark_group("used_by");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(40));
    g.bench_function("instance_2000_flows_50kB_20_modules_17_pages_cold", |b| {
        b.iter(|| {
            rt.block_on(async {
                let client = ConnectClient::connect(&ConnectOptions {
                    endpoint_url: Some(url.clone()),
                    instance_id: Some(INSTANCE.into()),
                    ..Default::default()
                })
                .await
                .unwrap();
                let report = connect_views::connect::consumers::consumers_of(
                    &client,
                    (&id, &arn, "bench".into()),
                    None,
                    &mut |_, _, _| {},
                )
                .await
                .unwrap();
                assert_eq!(report.consumers.len(), 20 + 17);
                assert!(!report.breaks());
            })
        })
    });
    g.finish();
}

fn one_consumer(c: &mut Criterion) {
    let file = connect_views::view::generate::large_view_file(430_000);
    let doc = ViewDocument::from_text(&file, None).unwrap();
    let facts = Facts::of(&doc, None).unwrap();
    let flow: serde_json::Value = serde_json::from_str(&flow("arn:view")).unwrap();
    c.bench_function("used_by/judge_one_flow_against_a_400kB_view", |b| {
        b.iter(|| {
            let v = judge_flow(&flow, |_| Match::Ours(&facts)).unwrap();
            assert_eq!(v.blocks.len(), 1);
        })
    });
}

criterion_group!(used_by, one_consumer, instance);
criterion_main!(used_by);
