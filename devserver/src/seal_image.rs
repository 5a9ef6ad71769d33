//! `GET /provider/seals/{sealId}.svg`: a red round seal with a star and the
//! owner's name, the `image` of a stamped seal.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

use crate::state::AppState;

pub async fn seal_svg(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(id) = file
        .strip_suffix(".svg")
        .filter(|id| crate::ids::check_signature_id(id).is_ok())
    else {
        return (StatusCode::NOT_FOUND, "no such seal image").into_response();
    };
    let seal = match state.store().seal(id) {
        Ok(Some(seal)) => seal,
        Ok(None) => return (StatusCode::NOT_FOUND, "no such seal").into_response(),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        render(&seal.owner_name, &seal.seal_type),
    )
        .into_response()
}

/// The SVG text. maud escapes the name, so a hostile name stays text.
pub fn render(name: &str, seal_type: &str) -> String {
    let red = "#d0021b";
    let caption = if seal_type == "official" {
        "专用章"
    } else {
        "之印"
    };
    html! {
        svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200" width="200" height="200" {
            circle cx="100" cy="100" r="92" fill="none" stroke=(red) stroke-width="8" {}
            polygon fill=(red)
                points="100,48 111,82 147,82 118,103 129,137 100,116 71,137 82,103 53,82 89,82" {}
            text x="100" y="165" text-anchor="middle" font-size="26" font-weight="bold"
                fill=(red) font-family="serif" { (name) (caption) }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_the_name() {
        let svg = super::render("<script>", "personal");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.starts_with("<svg"));
    }
}
