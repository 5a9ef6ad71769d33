//! The signature service: `GET /sign?id=&seal=&return=&state=` checks its
//! input, reads the Signature, records a sign request and sends the user to
//! the provider. Results go back to `return` as `sig_state`/`sig_status`.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use infoplus_signature_core::redirect::{PARAM_ERROR, PARAM_STATE, PARAM_STATUS};

use crate::domain::signatures;
use crate::html::PageError;
use crate::ids::{check_signature_id, check_state, now_ms, random_token};
use crate::return_url::{check_return, own_origin, with_params};
use crate::state::AppState;
use crate::store::SignRequest;

pub fn routes() -> Router<AppState> {
    Router::new().route("/sign", get(sign))
}

/// How a trip to the provider ended (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Cancelled,
    Failed,
}

/// 303 back to the control's page with the outcome; `state` untouched.
pub fn send_back(return_url: &str, state: &str, outcome: Outcome, error: Option<&str>) -> Redirect {
    let status = match outcome {
        Outcome::Done => "done",
        Outcome::Cancelled => "cancelled",
        Outcome::Failed => "failed",
    };
    let mut params = vec![(PARAM_STATE, state), (PARAM_STATUS, status)];
    if let Some(error) = error {
        params.push((PARAM_ERROR, error));
    }
    Redirect::to(&with_params(return_url, &params))
}

/// First value of each query parameter; undecodable input is refused.
pub fn query_map(raw: Option<&str>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        map.entry(k.into_owned()).or_insert_with(|| v.into_owned());
    }
    map
}

fn required<'a>(query: &'a HashMap<String, String>, name: &str) -> Result<&'a str, PageError> {
    query
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| PageError::bad_request(format!("the parameter `{name}` is missing")))
}

async fn sign(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let query = query_map(raw.as_deref());
    let return_raw = required(&query, "return")?;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let return_url = check_return(return_raw, own_origin(host).as_ref(), state.extra_origins())
        .map_err(|e| {
            PageError::new(
                StatusCode::BAD_REQUEST,
                "Open redirect refused",
                format!("open redirect refused: {e}"),
            )
        })?;
    let id = required(&query, "id")?;
    check_signature_id(id).map_err(PageError::bad_request)?;
    let nonce = required(&query, "state")?;
    check_state(nonce).map_err(PageError::bad_request)?;
    let seal_raw = required(&query, "seal")?;
    let seal: usize = seal_raw.parse().map_err(|_| {
        PageError::bad_request(format!(
            "`seal` must be a non-negative integer, got {seal_raw:?}"
        ))
    })?;

    let record = signatures::read(state.store(), id)?;
    let count = record.signature.seals.len();
    if seal >= count {
        return Err(PageError::bad_request(format!(
            "seal {seal} does not exist: signature {id} has {count} seal(s)"
        )));
    }
    if record.signature.seals[seal].is_signed() {
        let error = format!("seal {seal} is already signed");
        return Ok(
            send_back(return_url.as_str(), nonce, Outcome::Failed, Some(&error)).into_response(),
        );
    }
    let token = random_token().map_err(PageError::internal)?;
    state.store().put_sign_request(&SignRequest {
        token: token.clone(),
        signature_id: id.to_owned(),
        seal,
        return_url: return_url.to_string(),
        state: nonce.to_owned(),
        created: now_ms(),
        used: false,
    })?;
    Ok(Redirect::to(&format!("/provider/sign/{token}")).into_response())
}
