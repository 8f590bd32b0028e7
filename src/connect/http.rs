//! The SDK's HTTPS client, made here rather than by the SDK's `default-https-client` feature.
//!
//! It is the client that feature makes (hyper 1, rustls, the system's roots, the proxy from
//! `HTTPS_PROXY`/`NO_PROXY` as the latest behaviour version reads it, the SDK's sleep for
//! timeouts), with ring as rustls's crypto instead of aws-lc. aws-config's SSO support links
//! ring anyway; aws-lc was 1.5 MB of the release binary and a C library to build.

use aws_sdk_connect::config::SharedHttpClient;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder, ConnectorBuilder};

/// A new HTTPS client for an SDK config or an `aws_config` loader. Each config gets its own,
/// as the SDK's default does: a connection pool lives on the runtime that opened it.
pub fn http_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut conn =
            ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(CryptoMode::Ring));
        conn.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            conn.set_sleep_impl(components.sleep_impl());
        }
        conn.set_proxy_config(Some(ProxyConfig::from_env()));
        conn.build()
    })
}
