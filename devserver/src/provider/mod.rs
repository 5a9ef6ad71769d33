//! The sealing-provider simulator: what a user sees at e签宝 or 签盾.
//! Dev login, the sign page with the seals the user may use, confirm (real
//! signature over the document) and cancel.

mod confirm;
mod long_term;
mod page;
pub mod permission;
pub mod session;
pub mod stamp;
pub mod stamp_raw;

use axum::routing::{get, post};
use axum::Router;

use crate::state::AppState;

/// Sign requests older than this are refused: as long as the control keeps
/// its nonce (spec §5).
pub const REQUEST_LIFETIME_MS: i64 = infoplus_signature_core::redirect::NONCE_TTL_MS;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dev/login", get(session::login))
        .route("/dev/logout", get(session::logout))
        .route("/provider/sign/{token}", get(page::sign_page))
        .route("/provider/sign/{token}/confirm", post(confirm::confirm))
        .route("/provider/sign/{token}/cancel", post(confirm::cancel))
        .route("/provider/seals/{file}", get(crate::seal_image::seal_svg))
}
