//! `POST /provider/sign/{token}/confirm` and `/cancel`: finish the trip and
//! send the user back to the control with the outcome.

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::page::open_request;
use super::permission::usable_seals;
use super::session::current;
use super::stamp::stamp;
use crate::domain::signatures;
use crate::html::PageError;
use crate::service::{query_map, send_back, Outcome};
use crate::state::AppState;

fn forbidden(message: impl Into<String>) -> PageError {
    PageError::new(StatusCode::FORBIDDEN, "Not allowed", message)
}

fn already_used() -> PageError {
    PageError::new(
        StatusCode::GONE,
        "Sign request closed",
        "this sign request has already been used; start again from the form",
    )
}

pub async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Result<Response, PageError> {
    let request = open_request(&state, path)?;
    let Some((session, user)) = current(&state, &headers)? else {
        return Err(forbidden(
            "log in to the provider first (your session has ended)",
        ));
    };
    let form = query_map(std::str::from_utf8(&body).ok());
    // Synchronizer token: a form posted from another site cannot know it.
    let posted_csrf = form.get("csrf").map(String::as_str).unwrap_or("");
    if posted_csrf.is_empty() || posted_csrf != session.csrf {
        return Err(forbidden(
            "the form is out of date or came from another site (CSRF check failed); reload the page",
        ));
    }
    let Some(seal_id) = form.get("seal_id") else {
        return Err(PageError::bad_request("choose a seal first"));
    };

    let store = state.store();
    let record = signatures::read(store, &request.signature_id)?;
    let slot = record
        .signature
        .seals
        .get(request.seal)
        .cloned()
        .unwrap_or_default();
    let catalog = store.seals()?;
    let usable = usable_seals(user, &slot, &catalog).map_err(forbidden)?;
    let Some(seal) = usable.into_iter().find(|s| &s.id == seal_id) else {
        return Err(forbidden(format!(
            "{} may not use seal {seal_id:?} here",
            user.name
        )));
    };

    // Single use from here on: a second click gets "already used".
    if !store.use_sign_request(&request.token)? {
        return Err(already_used());
    }
    let back = |outcome, error: Option<&str>| {
        send_back(&request.return_url, &request.state, outcome, error).into_response()
    };
    if state.faults().provider_fails() {
        return Ok(back(
            Outcome::Failed,
            Some("the provider failed (fault switch)"),
        ));
    }
    // The certificate a first stamp issues names the responder and the CRL
    // where this browser reached the devserver.
    let origin = crate::revocation::request_origin(&headers);
    Ok(
        match stamp(
            state.sealing_from(origin.as_deref()),
            &request.signature_id,
            request.seal,
            seal,
            user,
        ) {
            Ok(_) => back(Outcome::Done, None),
            Err(e) => back(Outcome::Failed, Some(&e.to_string())),
        },
    )
}

pub async fn cancel(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, PageError> {
    let request = open_request(&state, path)?;
    if !state.store().use_sign_request(&request.token)? {
        return Err(already_used());
    }
    Ok(send_back(
        &request.return_url,
        &request.state,
        Outcome::Cancelled,
        None,
    )
    .into_response())
}
