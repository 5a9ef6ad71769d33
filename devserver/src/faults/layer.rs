//! The fault layer: middleware on the engine routes, added only with
//! `--dev-faults`. When the switch of the request's operation (S1/S2/EX) is
//! on, it answers in place of the engine: a 500, a hang, or a 200 with a
//! malformed or truncated body.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRequestParts, MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{EngineFault, FaultSwitches};
use crate::error::ApiError;
use crate::http::operation::Operation;
use crate::http::SignatureIdPath;

/// Longer than the control's 15 s timeout, so "hang" is seen as a timeout.
pub const HANG: Duration = Duration::from_secs(60);

/// `axum::middleware::from_fn_with_state(switches, inject)`, as a
/// `route_layer` inside the engine's CORS layer (fault answers carry CORS
/// headers like real ones).
pub async fn inject(
    State(switches): State<Arc<FaultSwitches>>,
    request: Request,
    next: Next,
) -> Response {
    let matched = request.extensions().get::<MatchedPath>();
    let Some(operation) = matched.and_then(|m| Operation::of(request.method(), m.as_str())) else {
        return next.run(request).await;
    };
    let Some(fault) = switches.get().engine(operation) else {
        return next.run(request).await;
    };
    // A bad id is refused before any switch applies, as the engine does.
    let (mut parts, body) = request.into_parts();
    if let Err(rejection) = SignatureIdPath::from_request_parts(&mut parts, &()).await {
        return rejection.into_response();
    }
    drop(body);
    answer(operation, fault).await
}

async fn answer(operation: Operation, fault: EngineFault) -> Response {
    match fault {
        EngineFault::ServerError => ApiError::Fault(format!(
            "{operation:?} failed on purpose (fault switch 500)"
        ))
        .into_response(),
        EngineFault::Hang => {
            tokio::time::sleep(HANG).await;
            ApiError::Fault(format!(
                "{operation:?} answered late on purpose (fault switch hang)"
            ))
            .into_response()
        }
        EngineFault::Malformed => json_text(
            r#"{"errno":0,"ecode":"SUCCEED","error":"","entities":[{"id":7,"seals":{}}]}"#,
        ),
        EngineFault::Truncated => json_text(
            r#"{"errno":0,"ecode":"SUCCEED","error":"","entities":[{"id":"x","seals":[{"x":1"#,
        ),
    }
}

fn json_text(body: &'static str) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}
