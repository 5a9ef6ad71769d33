//! The demo form (a leave application, 请假申请) with four signature
//! controls, and `POST /submit` showing what the server received.

pub mod seed;
mod submit;

use axum::extract::{RawQuery, State};
use axum::routing::{get, post};
use axum::Router;
use maud::{html, Markup};

use crate::html::{page, PageError};
use crate::leave;
use crate::service::query_map;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(form_page))
        .route("/submit", post(submit::submit))
}

/// Page language from `?lang=`: `zh-CN` (default) or `en`.
pub fn lang_of(raw: Option<&str>) -> Result<&'static str, PageError> {
    match query_map(raw).get("lang").map(String::as_str) {
        None | Some("zh-CN" | "zh" | "") => Ok("zh-CN"),
        Some("en") => Ok("en"),
        Some(other) => Err(PageError::bad_request(format!(
            "unknown language {other:?}; use zh-CN or en"
        ))),
    }
}

/// A label in the page's language.
pub fn t(lang: &str, zh: &'static str, en: &'static str) -> &'static str {
    if lang == "en" {
        en
    } else {
        zh
    }
}

fn control(id: &str, name: &str, lang: &str, readonly: bool) -> Markup {
    html! {
        infoplus-signature signature-id=(id) engine="/api" service="/sign" trust-roots="/dev/trust-roots.pem" name=(name)
            required lang=(lang) readonly[readonly] {}
    }
}

async fn form_page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Markup, PageError> {
    let lang = lang_of(raw.as_deref())?;
    let data = leave::load(state.store(), seed::APPLICANT)?;
    let title = t(lang, "请假申请", "Leave application");
    Ok(page(
        lang,
        title,
        html! {
            h1 { (title) }
            p.muted {
                @if lang == "en" { a href="/" data-testid="lang-switch" { "中文" } }
                @else { a href="/?lang=en" data-testid="lang-switch" { "English" } }
                " · " a href="/dev" { (t(lang, "开发者链接", "Dev links")) }
            }
            form method="post" action="/submit" {
                div.box {
                    label { (t(lang, "申请人", "Applicant")) br; input name="applicant" value=(data.applicant) maxlength="100"; }
                    label { (t(lang, "部门", "Department")) br; input name="department" value=(data.department) maxlength="100"; }
                    label { (t(lang, "开始日期", "From")) br; input type="date" name="from" value=(data.from); }
                    label { (t(lang, "结束日期", "To")) br; input type="date" name="to" value=(data.to); }
                    label { (t(lang, "事由", "Reason")) br; textarea name="reason" rows="3" cols="60" maxlength="2000" { (data.reason) } }
                }
                div.box {
                    h2 { (t(lang, "申请人签章", "Applicant's seal")) }
                    (control(seed::APPLICANT, "applicantSignature", lang, false))
                }
                div.box {
                    h2 { (t(lang, "审批签章（李四、人事处）", "Approval (Li Si, HR office seal)")) }
                    (control(seed::APPROVAL, "approvalSignature", lang, false))
                }
                div.box {
                    h2 { (t(lang, "已盖章的文档（只读）", "An already sealed document (read-only)")) }
                    (control(seed::SEALED, "sealedSignature", lang, true))
                }
                div.box {
                    h2 { (t(lang, "盖章后被篡改的文档（只读，验证应失败）", "A document changed after sealing (read-only; verification must fail)")) }
                    (control(seed::TAMPERED, "tamperedSignature", lang, true))
                }
                button type="submit" data-testid="submit" { (t(lang, "提交", "Submit")) }
            }
            script type="module" src="/dist/infoplus-signature.js" {}
        },
    ))
}
