//! Dev login: pick a user, get a session cookie. Sessions carry the CSRF
//! token of the provider's POST forms.

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};

use crate::html::PageError;
use crate::ids::random_token;
use crate::seals::{user, User, USERS};
use crate::service::query_map;
use crate::state::AppState;
use crate::store::{Session, StoreError};

pub const COOKIE: &str = "ipsd_session";

/// The logged-in user, if the request carries a valid session cookie.
pub fn current(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(Session, User)>, StoreError> {
    let Some(id) = session_id(headers) else {
        return Ok(None);
    };
    let Some(session) = state.store().session(&id)? else {
        return Ok(None);
    };
    Ok(user(&session.account).map(|u| (session, u)))
}

fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| crate::ids::check_token(v))
}

/// Only same-origin, root-relative paths: `/x` but not `//x` or `/\x`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(|c| c.is_control() || c == '\\') =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// `GET /dev/login?user=zhangsan&next=/path`
pub async fn login(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    let query = query_map(raw.as_deref());
    let account = query.get("user").map(String::as_str).unwrap_or("");
    let Some(who) = user(account) else {
        let known: Vec<&str> = USERS.iter().map(|u| u.account).collect();
        return Err(PageError::bad_request(format!(
            "unknown user {account:?}; dev users are {}",
            known.join(", ")
        )));
    };
    let session = Session {
        id: random_token().map_err(PageError::internal)?,
        account: who.account.to_owned(),
        csrf: random_token().map_err(PageError::internal)?,
    };
    state.store().put_session(&session)?;
    let cookie = Cookie::build((COOKIE, session.id))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    let next = safe_next(query.get("next").map(String::as_str));
    with_cookie(Redirect::to(&next).into_response(), &cookie)
}

/// `GET /dev/logout[?next=/path]`
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, PageError> {
    if let Some(id) = session_id(&headers) {
        state.store().delete_session(&id)?;
    }
    let mut cookie = Cookie::build((COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .build();
    cookie.make_removal();
    let query = query_map(raw.as_deref());
    let next = safe_next(query.get("next").map(String::as_str).or(Some("/dev")));
    with_cookie(Redirect::to(&next).into_response(), &cookie)
}

fn with_cookie(mut response: Response, cookie: &Cookie<'_>) -> Result<Response, PageError> {
    let value = HeaderValue::from_str(&cookie.to_string()).map_err(PageError::internal)?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/provider/sign/x?a=1")),
            "/provider/sign/x?a=1"
        );
        for bad in [
            "//evil.example",
            "/\\evil",
            "https://evil.example",
            "x",
            "/a\nb",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
