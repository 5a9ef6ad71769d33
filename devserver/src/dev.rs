//! `/dev`: an index of dev links, and (with `--dev-faults` only) the fault
//! switches, tampering, resetting the demo records, revoking a seal's
//! certificate (`revocation`), and hostile or large documents
//! (`dev_documents`). Without the flag those routes do not exist
//! (404).

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use infoplus_signature_core::Response as Envelope;
use maud::{html, Markup};
use serde_json::{json, Value};

use crate::demo::seed;
use crate::error::ApiError;
use crate::faults::routes as faults;
use crate::html::page;
use crate::seals::USERS;
use crate::state::AppState;

pub fn routes(dev_faults: bool) -> Router<AppState> {
    // The trust roots are always served: the demo form's controls verify
    // the provider's PDF signatures against them.
    let index = Router::new().route("/dev", get(index)).merge(
        Router::new()
            .route("/dev/trust-roots.pem", get(trust_roots))
            .layer(crate::http::cors()),
    );
    if !dev_faults {
        return index;
    }
    index.merge(
        Router::new()
            .route(
                "/dev/faults",
                get(faults::get_faults).post(faults::set_faults),
            )
            .route("/dev/tamper/{id}", post(faults::tamper))
            .route("/dev/reset", post(reset))
            .route("/dev/revoke/{seal_id}", post(crate::revocation::revoke))
            .merge(crate::dev_documents::routes())
            .layer(crate::http::cors()),
    )
}

async fn reset(State(state): State<AppState>) -> Result<Json<Envelope<Value>>, ApiError> {
    // Revocations first: the seeded seals are stamped again below.
    state
        .store()
        .clear_revocations()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    seed::reset(state.sealing()).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(Envelope::ok(json!({ "reset": seed::ALL }))))
}

/// `GET /dev/trust-roots.pem`: the provider's SM2, ECDSA and RSA roots.
async fn trust_roots(State(state): State<AppState>) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/x-pem-file"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        state.pki().roots_pem(),
    )
}

async fn index(State(state): State<AppState>) -> Markup {
    let dev_faults = state.config().dev_faults;
    page(
        "en",
        "Dev links",
        html! {
            h1 { "InfoPlus signature devserver" }
            ul {
                li { a href="/" { "Demo form (中文)" } " · " a href="/?lang=en" { "English" } }
                @for id in seed::ALL {
                    li { "S1 " a href={ "/api/signature/" (id) } { (id) } }
                }
            }
            h2 { "Provider login" }
            ul {
                @for u in USERS {
                    li { a href={ "/dev/login?user=" (u.account) "&next=/dev" } { "log in as " (u.name) " (" (u.account) ")" } }
                }
                li { a href="/dev/logout" { "log out" } }
            }
            h2 { "Faults" }
            @if dev_faults {
                p { "Current switches: " code { (serde_json::to_string(&state.faults().get()).unwrap_or_default()) } }
                p.muted { "POST /dev/faults {\"s1\":\"500\"|\"hang\"|\"malformed\"|\"truncated\"|null, \"s2\":…, \"ex\":…, \"provider\":\"fail\"|null}; POST /dev/tamper/{id}" }
                p.muted { "POST /dev/revoke/{sealId} {\"reason\":\"keyCompromise\", \"at\":\"2026-12-01T00:00:00Z\"} (both optional); OCSP at /ocsp/sm2|ecdsa|rsa, CRLs at /crl/sm2|ecdsa|rsa.crl" }
                p.muted { "POST /dev/document/{id}[?sign=false&seal=SEAL_ID] (raw body: the document, sealed); POST /dev/large/{id}?mib=N (a padded export, sealed)" }
                form method="post" action="/dev/reset" { button type="submit" { "Reset demo records" } }
            } @else {
                p.muted { "Fault switches are off; start with --dev-faults." }
            }
        },
    )
}
