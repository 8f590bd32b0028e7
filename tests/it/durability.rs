//! The endpoint as separate processes: kill -9 in the middle of a stream of writes, and
//! two processes writing to one database.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use aws_sdk_connect::types::ViewStatus;

use crate::common::{INSTANCE, bin, content, sdk_for, temp_dir, tiny_template};

/// `connect-views serve` on an ephemeral port; returns the process and its URL.
fn serve(db: &Path) -> (Child, String) {
    let mut child = bin()
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--instance",
            INSTANCE,
            "--db",
        ])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().expect("serve prints its URL").unwrap();
    let url = first.rsplit(' ').next().unwrap().to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    // Keep draining stdout so the server never blocks on it.
    std::thread::spawn(move || for _ in lines {});
    (child, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_loses_no_acknowledged_write_and_leaves_nothing_half_written() {
    let dir = temp_dir();
    let db = dir.path().join("views.sqlite3");
    let (mut child, url) = serve(&db);
    let sdk = sdk_for(&url);
    let writer = tokio::spawn(async move {
        // (name, title of the last acknowledged content)
        let mut acked: Vec<(String, String)> = Vec::new();
        for i in 0.. {
            let name = format!("view {i}");
            let created = sdk
                .create_view()
                .instance_id(INSTANCE)
                .name(&name)
                .status(ViewStatus::Published)
                .content(content(
                    &tiny_template(&format!("v{i}-0"), "Go"),
                    &["Go".into()],
                ))
                .send()
                .await;
            let Ok(created) = created else { break };
            acked.push((name.clone(), format!("v{i}-0")));
            let id = created.view().unwrap().id().unwrap().to_string();
            let updated = sdk
                .update_view_content()
                .instance_id(INSTANCE)
                .view_id(&id)
                .status(ViewStatus::Published)
                .content(content(
                    &tiny_template(&format!("v{i}-1"), "Go"),
                    &["Go".into()],
                ))
                .send()
                .await;
            if updated.is_err() {
                break;
            }
            acked.last_mut().unwrap().1 = format!("v{i}-1");
        }
        acked
    });
    // Let some writes through, then kill the server mid-stream.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    child.kill().unwrap();
    child.wait().unwrap();
    let acked = writer.await.unwrap();
    assert!(
        acked.len() > 5,
        "the stream got going before the kill ({} views)",
        acked.len()
    );

    let (mut child, url) = serve(&db);
    let sdk = sdk_for(&url);
    let all = sdk
        .list_views()
        .instance_id(INSTANCE)
        .r#type(aws_sdk_connect::types::ViewType::CustomerManaged)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    // Every acknowledged write is there, with the content last acknowledged (or a later,
    // unacknowledged one that was committed just before the kill).
    for (name, title) in &acked {
        let summary = all
            .iter()
            .find(|v| v.name() == Some(name.as_str()))
            .unwrap_or_else(|| panic!("{name} lost"));
        let v = sdk
            .describe_view()
            .instance_id(INSTANCE)
            .view_id(summary.id().unwrap())
            .send()
            .await
            .unwrap();
        let template = v
            .view()
            .unwrap()
            .content()
            .unwrap()
            .template()
            .unwrap()
            .to_string();
        let last_index = name.trim_start_matches("view ");
        assert!(
            template.contains(&format!("\"{title}\""))
                || template.contains(&format!("\"v{last_index}-1\"")),
            "{name}: {template}"
        );
    }
    // At most one view beyond the acknowledged ones, and every view is whole.
    assert!(all.len() <= acked.len() + 1);
    for v in &all {
        let d = sdk
            .describe_view()
            .instance_id(INSTANCE)
            .view_id(v.id().unwrap())
            .send()
            .await
            .unwrap();
        let view = d.view().unwrap();
        let t = view.content().unwrap().template().unwrap();
        serde_json::from_str::<serde_json::Value>(t).expect("a whole template");
        assert_eq!(view.content().unwrap().actions(), ["Go"]);
        assert_eq!(
            view.view_content_sha256(),
            Some(connect_views::view::content_sha256(t, &["Go".to_string()]).as_str())
        );
    }
    child.kill().unwrap();
    let _ = child.wait();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_one_database_lose_no_update() {
    let dir = temp_dir();
    let db = dir.path().join("views.sqlite3");
    let (mut a, url_a) = serve(&db);
    let (mut b, url_b) = serve(&db);
    let first = sdk_for(&url_a)
        .create_view()
        .instance_id(INSTANCE)
        .name("shared")
        .status(ViewStatus::Published)
        .content(content(&tiny_template("start", "Go"), &["Go".into()]))
        .send()
        .await
        .unwrap();
    let id = first.view().unwrap().id().unwrap().to_string();
    let arn = first.view().unwrap().arn().unwrap().to_string();
    let worker = |url: String, who: &'static str| {
        let (id, arn) = (id.clone(), arn.clone());
        tokio::spawn(async move {
            let sdk = sdk_for(&url);
            let mut versions = Vec::new();
            for i in 0..12 {
                sdk.update_view_content()
                    .instance_id(INSTANCE)
                    .view_id(&id)
                    .status(ViewStatus::Published)
                    .content(content(
                        &tiny_template(&format!("{who}{i}"), "Go"),
                        &["Go".into()],
                    ))
                    .send()
                    .await
                    .unwrap();
                let v = sdk
                    .create_view_version()
                    .instance_id(INSTANCE)
                    .view_id(&id)
                    .send()
                    .await
                    .unwrap();
                versions.push(v.view().unwrap().version());
                sdk.tag_resource()
                    .resource_arn(&arn)
                    .tags(format!("{who}{i}"), "x")
                    .send()
                    .await
                    .unwrap();
            }
            versions
        })
    };
    let (va, vb) = tokio::join!(worker(url_a.clone(), "a"), worker(url_b, "b"));
    let (va, vb) = (va.unwrap(), vb.unwrap());
    // Each process saw its own versions increase.
    assert!(va.windows(2).all(|w| w[0] <= w[1]), "{va:?}");
    assert!(vb.windows(2).all(|w| w[0] <= w[1]), "{vb:?}");
    let sdk = sdk_for(&url_a);
    let listed: Vec<i32> = sdk
        .list_view_versions()
        .instance_id(INSTANCE)
        .view_id(&id)
        .send()
        .await
        .unwrap()
        .view_version_summary_list()
        .iter()
        .map(|v| v.version())
        .collect();
    // Version numbers are unique and strictly decreasing in the listing, and every number a
    // worker was given is listed.
    assert!(listed.windows(2).all(|w| w[0] > w[1]), "{listed:?}");
    for n in va.iter().chain(&vb) {
        assert!(listed.contains(n), "version {n} missing from {listed:?}");
    }
    // No tag written by either process was lost to the other's read-modify-write.
    let tags = sdk
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    let tags = tags.tags().unwrap();
    for who in ["a", "b"] {
        for i in 0..12 {
            assert!(tags.contains_key(&format!("{who}{i}")), "tag {who}{i} lost");
        }
    }
    a.kill().unwrap();
    b.kill().unwrap();
    let _ = (a.wait(), b.wait());
}
