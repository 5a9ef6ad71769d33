//! `GET /provider/sign/{token}`: log in, or see the document and the seal
//! slot, and choose one of the seals you may use.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use maud::{html, Markup};

use super::permission::usable_seals;
use super::session::current;
use super::REQUEST_LIFETIME_MS;
use crate::domain::signatures;
use crate::html::{page, PageError};
use crate::ids::{check_token, now_ms};
use crate::seals::USERS;
use crate::state::AppState;
use crate::store::SignRequest;
use infoplus_signature_core::url::safe_url;

/// The open sign request for `token`, or a page saying why there is none.
pub fn open_request(
    state: &AppState,
    path: Result<Path<String>, PathRejection>,
) -> Result<SignRequest, PageError> {
    let Path(token) = path.map_err(|e| PageError::bad_request(e.body_text()))?;
    let gone = |m: &str| PageError::new(StatusCode::GONE, "Sign request closed", m);
    if !check_token(&token) {
        return Err(PageError::bad_request("this is not a sign request address"));
    }
    let request = state.store().sign_request(&token)?.ok_or_else(|| {
        PageError::new(
            StatusCode::NOT_FOUND,
            "Unknown sign request",
            "there is no such sign request",
        )
    })?;
    if request.used {
        return Err(gone(
            "this sign request has already been used; start again from the form",
        ));
    }
    if now_ms() - request.created > REQUEST_LIFETIME_MS {
        return Err(gone(
            "this sign request has expired; start again from the form",
        ));
    }
    Ok(request)
}

fn cancel_form(token: &str) -> Markup {
    html! {
        form method="post" action={ "/provider/sign/" (token) "/cancel" } {
            button type="submit" data-testid="cancel" { "Cancel" }
        }
    }
}

pub async fn sign_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Markup, PageError> {
    let request = open_request(&state, path)?;
    let token = request.token.as_str();
    let here = format!("/provider/sign/{token}");
    let Some((session, user)) = current(&state, &headers)? else {
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        return Ok(page(
            "zh-CN",
            "Provider login",
            html! {
                h1 { "Provider simulator: log in" }
                p { "Choose a dev user to sign with:" }
                ul {
                    @for u in USERS {
                        li { a data-testid={ "login-" (u.account) }
                              href={ "/dev/login?user=" (u.account) "&next=" (next) } {
                            (u.name) " (" (u.account) ")" } }
                    }
                }
                (cancel_form(token))
            },
        ));
    };

    let record = signatures::read(state.store(), &request.signature_id)?;
    let signature = &record.signature;
    let slot = signature
        .seals
        .get(request.seal)
        .cloned()
        .unwrap_or_default();
    let catalog = state.store().seals()?;
    let usable = usable_seals(user, &slot, &catalog);
    let doc_link = signature.uri.as_deref().and_then(|u| safe_url(u).ok());
    let number =
        |n: Option<&serde_json::Number>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());

    Ok(page(
        "zh-CN",
        "Provider: sign",
        html! {
            h1 { "Provider simulator: stamp a seal" }
            p data-testid="current-user" { "Logged in as " strong { (user.name) } " (" (user.account) ") · "
                a href={ "/dev/logout?next=" (form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()) } { "switch user" } }
            div.box {
                table {
                    tr { th { "Document" } td {
                        @if let Some(link) = &doc_link {
                            a data-testid="document-link" href=(link) { (signature.name.as_deref().unwrap_or(link)) }
                        } @else { span.muted { "not exported yet" } }
                    } }
                    tr { th { "Signature id" } td { (request.signature_id) } }
                    tr { th { "Seal" } td { "#" (request.seal) } }
                    tr { th { "Signer" } td data-testid="signer" {
                        (slot.signer_name().unwrap_or("—")) " (" (slot.signer_account().unwrap_or("—")) ")" } }
                    tr { th { "Placeholder" } td { (slot.place_holder.as_deref().unwrap_or("—")) } }
                    tr { th { "Position" } td { "x " (number(slot.x.as_ref())) ", y " (number(slot.y.as_ref())) } }
                }
            }
            @match &usable {
                Ok(seals) => {
                    form method="post" action={ "/provider/sign/" (token) "/confirm" } {
                        input type="hidden" name="csrf" value=(session.csrf);
                        fieldset {
                            legend { "Choose a seal" }
                            @for (n, seal) in seals.iter().enumerate() {
                                label {
                                    input type="radio" name="seal_id" data-testid="seal-option"
                                          value=(seal.id) checked[n == 0];
                                    " " img src={ "/provider/seals/" (seal.id) ".svg" } alt="" width="32" height="32";
                                    " " (seal.name) " — " (seal.seal_type) ", " (seal.algorithm)
                                }
                            }
                        }
                        button type="submit" data-testid="confirm" { "Confirm and stamp" }
                    }
                }
                Err(reason) => {
                    div.box.error { p data-testid="not-allowed" { (reason) } }
                }
            }
            (cancel_form(token))
        },
    ))
}
