//! Fetching MTA-STS policy files over HTTPS (ureq with rustls).

use std::io::Read;
use std::time::Duration;

use ureq::tls::{Certificate, RootCerts, TlsConfig};

use super::{LookupOptions, NetError};
use crate::{Problem, MAX_POLICY_BYTES};

pub(super) struct PolicyClient {
    agent: ureq::Agent,
    base: Option<String>,
}

impl PolicyClient {
    pub(super) fn new(options: &LookupOptions) -> Result<Self, NetError> {
        let mut tls = TlsConfig::builder();
        if !options.root_certificates.is_empty() {
            let roots: Vec<Certificate<'static>> = options
                .root_certificates
                .iter()
                .map(|der| Certificate::from_der(der).to_owned())
                .collect();
            tls = tls.root_certs(RootCerts::new_with_certs(&roots));
        }
        let mut config = ureq::Agent::config_builder()
            .tls_config(tls.build())
            .timeout_global(Some(options.timeout.max(Duration::from_millis(1))))
            // RFC 8461 §3.3: "HTTP 3xx redirects MUST NOT be followed".
            .max_redirects(0)
            .max_redirects_will_error(false)
            .http_status_as_error(false)
            .user_agent(concat!("hopscope/", env!("CARGO_PKG_VERSION")));
        if !options.use_env_proxy {
            config = config.proxy(None);
        }
        Ok(PolicyClient {
            agent: config.build().into(),
            base: options.policy_base.clone(),
        })
    }

    pub(super) fn fetch(&self, domain: &str) -> Result<Vec<u8>, Problem> {
        let url = match &self.base {
            Some(base) => format!(
                "{}/{domain}/.well-known/mta-sts.txt",
                base.trim_end_matches('/')
            ),
            None => crate::policy_url(domain),
        };
        let failed = |reason: String| Problem::FetchFailed { reason };
        let mut response = match self.agent.get(&url).call() {
            Ok(r) => r,
            Err(ureq::Error::Timeout(_)) => return Err(Problem::Timeout),
            Err(e) => return Err(failed(format!("fetching {url} failed: {}", describe(&e)))),
        };
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            return Err(failed(format!(
                "{url} answered with a redirect ({status}), which MTA-STS forbids following (RFC 8461 §3.3)"
            )));
        }
        if status != 200 {
            return Err(failed(format!("{url} answered HTTP {status}, not 200")));
        }
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let media = content_type.split(';').next().unwrap_or("").trim();
        if !media.eq_ignore_ascii_case("text/plain") {
            return Err(failed(format!(
                "{url} was served as {}, but an MTA-STS policy must be text/plain (RFC 8461 §3.2)",
                if media.is_empty() {
                    "no media type"
                } else {
                    media
                }
            )));
        }
        let mut body = Vec::new();
        let limit = MAX_POLICY_BYTES as u64 + 1;
        match response.body_mut().as_reader().take(limit).read_to_end(&mut body) {
            Ok(_) if body.len() > MAX_POLICY_BYTES => Err(failed(format!(
                "the policy file at {url} is larger than {MAX_POLICY_BYTES} bytes (64 KB); Hopscope stopped reading"
            ))),
            Ok(_) => Ok(body),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => Err(Problem::Timeout),
            Err(e) => Err(failed(format!("reading the policy file at {url} failed: {e}"))),
        }
    }
}

/// One line for a person; ureq's own messages are kept, certificate problems made explicit.
fn describe(error: &ureq::Error) -> String {
    let text = error.to_string();
    match error {
        ureq::Error::HostNotFound => "the host name does not resolve".into(),
        // rustls errors reach here wrapped in I/O errors ("io: invalid peer certificate: …").
        _ if text.contains("certificate") || matches!(error, ureq::Error::Rustls(_)) => format!(
            "TLS failed ({}); a valid certificate for the mta-sts host is required",
            text.trim_start_matches("io: ")
        ),
        _ => text,
    }
}
