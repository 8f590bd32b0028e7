//! The starters (`edit --starter NAME`): each a whole view valid at the published level with
//! no warning, its sample data fitting its inputs, and published to the local endpoint
//! through the real SDK.

use connect_views::view::starters::STARTERS;
use connect_views::view::{Level, ViewDocument, validate};

use crate::common::{Endpoint, bin};

#[tokio::test(flavor = "current_thread")]
async fn every_starter_is_a_clean_view_the_endpoint_publishes() {
    assert!(STARTERS.len() >= 6);
    let ep = Endpoint::start().await;
    let client = ep.client().await;
    for (name, _, text) in STARTERS {
        let doc = ViewDocument::from_text(text, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let d = validate(&doc, Level::Published);
        assert!(d.is_empty(), "{name}: {d:?}");
        // Its sample data fits the inputs the template reads.
        if let Some(sets) = connect_views::view::document::sample_sets(&doc.extra) {
            let tree = connect_views::view::tree::Tree::parse(&doc.template).unwrap();
            let schema = connect_views::view::data::DataSchema::of_tree(
                &tree,
                connect_views::view::Catalog::builtin(),
            );
            for (set, data) in sets {
                let found = connect_views::view::data::check_data(&schema, data, None);
                assert!(found.is_empty(), "{name} {set}: {found:?}");
            }
        }
        let (_, view) = client
            .submit(
                &connect_views::connect::Submission::of(&doc, Level::Published).unwrap(),
                Some(None),
            )
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(view.is_published(), "{name}");
    }
}

#[test]
fn an_unknown_starter_is_refused_with_the_list() {
    let out = bin()
        .args(["edit", "--starter", "wizard"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no starter is named \"wizard\"")
            && err.contains("guide (")
            && err.contains("sections ("),
        "{err}"
    );
}
