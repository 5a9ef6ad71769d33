//! `seal-verify --online` (spec §6c; native only, the `online` feature):
//! for documents that carry no revocation data, ask the certificates' own
//! OCSP responders (authorityInfoAccess) and fetch their CRLs
//! (cRLDistributionPoints), bounded in requests, time and size, then
//! verify again with what came back as `source: online`. The browser
//! never does this: CAs send no CORS headers.

mod fetch;
mod request;
mod urls;

use std::time::{Duration, Instant};

use crate::model::Signature;
use crate::pdf::dss::ValidationData;
use crate::pki::{issued_by, parse_certificate, same_name, Certificate};
use crate::run::{Document, Options, Run};

pub use fetch::FetchError;

/// The most requests one verification makes, and how long they may take
/// together.
const MAX_REQUESTS: usize = 16;
const TOTAL_TIME: Duration = Duration::from_secs(30);

/// What was fetched, and what could not be.
#[derive(Debug, Default)]
pub struct Fetched {
    pub data: ValidationData,
    /// One line per request that failed (URL and why).
    pub failures: Vec<String>,
}

/// Fetch OCSP responses and CRLs for every certificate the document's
/// signatures carry (and the configured intermediates) whose issuer is
/// known: OCSP where the certificate names a responder, else its CRL.
pub fn fetch_revocation(bytes: &[u8], options: &Options) -> Fetched {
    let document = Document::read(bytes, options.limit);
    let signature = Signature::default();
    let run = Run::new(&document, &signature, options);
    let mut pool: Vec<Certificate> = run
        .certificates()
        .into_iter()
        .filter_map(|der| parse_certificate(der).ok())
        .collect();
    pool.extend(run.trust().intermediates().iter().cloned());
    let anchors: Vec<Certificate> = run.trust().roots().to_vec();
    let started = Instant::now();
    let mut fetched = Fetched::default();
    let mut requests = 0;
    let mut seen_crls: Vec<String> = Vec::new();
    for subject in &pool {
        if subject.is_self_issued() {
            continue;
        }
        let Some(issuer) = pool
            .iter()
            .chain(&anchors)
            .find(|c| same_name(&c.subject_der, &subject.issuer_der) && issued_by(subject, c))
        else {
            continue;
        };
        let (ocsp, crls) = urls::of(&subject.der);
        let mut answered = false;
        if let Some(url) = ocsp.first() {
            if requests < MAX_REQUESTS && started.elapsed() < TOTAL_TIME {
                requests += 1;
                match request::ocsp_request(subject, issuer)
                    .map_err(FetchError::Request)
                    .and_then(|body| {
                        fetch::post(url, "application/ocsp-request", &body, fetch::MAX_OCSP)
                    }) {
                    Ok(response) => {
                        fetched.data.ocsps.push(response);
                        answered = true;
                    }
                    Err(why) => fetched.failures.push(format!("{url}: {why}")),
                }
            }
        }
        for url in crls.iter().take(if answered { 0 } else { 1 }) {
            if seen_crls.contains(url)
                || requests >= MAX_REQUESTS
                || started.elapsed() >= TOTAL_TIME
            {
                continue;
            }
            seen_crls.push(url.clone());
            requests += 1;
            match fetch::get(url, fetch::MAX_CRL) {
                Ok(crl) => fetched.data.crls.push(crl),
                Err(why) => fetched.failures.push(format!("{url}: {why}")),
            }
        }
    }
    fetched
}
