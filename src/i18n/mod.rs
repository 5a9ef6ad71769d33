//! The control's words, in zh-CN (default) and en. Each string is written
//! once per language, side by side, so a missing translation is a compile
//! error rather than a blank button.

mod long_term;
mod pdf;
mod places;
mod preview;
mod problems;
mod seal_pdf;
mod verdicts;

use infoplus_signature_core::machine::{Mode, Notice, Phase, State};
use infoplus_signature_core::redirect::ReturnStatus;

/// The control's language (`lang` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    /// `en`, `en-US`, `EN` → English; anything else is the default, zh-CN.
    pub fn from_attribute(value: Option<&str>) -> Self {
        match value {
            Some(v) if v.trim().to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::ZhCn,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    pub(crate) fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    pub(crate) fn pick_owned(self, zh: String, en: String) -> String {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }

    pub fn seal_title(self, index: usize) -> String {
        self.pick_owned(format!("印章 {}", index + 1), format!("Seal {}", index + 1))
    }
    pub fn signer(self) -> &'static str {
        self.pick("签署人", "Signer")
    }
    /// Where a seal or signature shows, as the document says: "On page 2".
    pub fn on_page(self, page: u32) -> String {
        self.pick_owned(format!("位于第 {page} 页"), format!("On page {page}"))
    }

    pub fn position(self, x: &str, y: &str) -> String {
        self.pick_owned(format!("位置 ({x}, {y})"), format!("Position ({x}, {y})"))
    }
    pub fn badge(self, signed: bool) -> &'static str {
        match signed {
            true => self.pick("已盖章", "Sealed"),
            false => self.pick("未盖章", "Not sealed"),
        }
    }
    pub fn stamp(self) -> &'static str {
        self.pick("盖章", "Stamp seal")
    }
    pub fn stamp_label(self, what: &str) -> String {
        self.pick_owned(format!("为「{what}」盖章"), format!("Stamp seal: {what}"))
    }
    pub fn verify(self) -> &'static str {
        self.pick("验证签名", "Verify")
    }
    pub fn verify_label(self, what: &str) -> String {
        self.pick_owned(
            format!("验证「{what}」的签名"),
            format!("Verify the signature of {what}"),
        )
    }
    pub fn delete(self) -> &'static str {
        self.pick("删除", "Delete")
    }
    pub fn delete_label(self, what: &str) -> String {
        self.pick_owned(format!("删除「{what}」"), format!("Delete seal: {what}"))
    }
    pub fn confirm_delete(self) -> &'static str {
        self.pick(
            "确定删除此印章？删除后需要重新盖章。",
            "Delete this seal? It will have to be stamped again.",
        )
    }
    pub fn delete_blocked(self) -> &'static str {
        self.pick(
            "此印章之后还有印章，请先删除最后加盖的印章",
            "Seals were stamped after this one: delete the last one first",
        )
    }
    pub fn confirm_yes(self) -> &'static str {
        self.pick("确定删除", "Delete")
    }
    pub fn confirm_no(self) -> &'static str {
        self.pick("保留", "Keep")
    }
    pub fn retry(self) -> &'static str {
        self.pick("重试", "Retry")
    }
    pub fn dismiss(self) -> &'static str {
        self.pick("关闭提示", "Dismiss")
    }
    pub fn seal_image_alt(self, what: &str) -> String {
        self.pick_owned(format!("「{what}」的印章"), format!("Seal of {what}"))
    }
    pub fn refused_address(self) -> &'static str {
        self.pick(
            "印章图片地址不安全，未显示",
            "The seal image address is not http(s); it is not shown",
        )
    }
    pub fn value_missing(self) -> &'static str {
        self.pick("请完成所有印章的盖章", "Please stamp every seal")
    }

    /// One line saying where the control is, for the status area and the
    /// live region.
    pub fn status(self, state: &State) -> String {
        let s = |zh, en| self.pick(zh, en).to_owned();
        match &state.phase {
            Phase::Idle => s(
                "未配置签章：请设置 signature-id 和 engine，或 value",
                "Not configured: set signature-id and engine, or value",
            ),
            Phase::Loading { .. } => s("正在读取签章信息…", "Loading the signature…"),
            Phase::Preparing { .. } => s("正在生成待盖章文件…", "Preparing the document…"),
            Phase::Signing {
                mode: Mode::Popup, ..
            } => s(
                "请在打开的窗口中完成盖章",
                "Complete the seal in the window that opened",
            ),
            Phase::Signing { .. } => s("正在前往签章服务…", "Going to the signature service…"),
            Phase::Returning { .. } => s("正在确认盖章结果…", "Checking the result…"),
            Phase::Deleting { .. } => s("正在删除印章…", "Deleting the seal…"),
            Phase::Verifying { progress, .. } => self.verifying(progress.0, progress.1),
            Phase::Ready {
                notice: Some(n), ..
            } => self.notice(n),
            Phase::Ready { doc, .. } => match doc.signature.is_signed() {
                true => s("所有印章已盖章", "Every seal is stamped"),
                false => s("尚有印章未盖章", "Not every seal is stamped yet"),
            },
            Phase::Failed { failure, .. } => self.failure(failure),
        }
    }

    pub fn verifying(self, received: u64, total: Option<u64>) -> String {
        let got = human_bytes(received);
        match total {
            Some(t) => self.pick_owned(
                format!("正在验证：已下载 {got} / {}", human_bytes(t)),
                format!("Verifying: {got} of {} downloaded", human_bytes(t)),
            ),
            None => self.pick_owned(
                format!("正在验证：已下载 {got}"),
                format!("Verifying: {got} downloaded"),
            ),
        }
    }

    pub fn notice(self, notice: &Notice) -> String {
        let s = |zh, en| self.pick(zh, en).to_owned();
        match notice {
            Notice::Returned { status, .. } => match status {
                ReturnStatus::Done => s("盖章完成", "The seal was stamped"),
                ReturnStatus::Cancelled => s(
                    "已取消盖章，印章仍未盖",
                    "Sealing was cancelled; the seal is still not stamped",
                ),
                ReturnStatus::Failed(reason) => {
                    let reason = reason.as_deref().unwrap_or(self.pick("未说明原因", "no reason given"));
                    self.pick_owned(
                        format!("盖章失败：{reason}"),
                        format!("Sealing failed: {reason}"),
                    )
                }
            },
            Notice::NotSignedAfterReturn { .. } => s(
                "签章服务报告已完成，但引擎中该印章仍未盖章",
                "The signature service reported success, but the engine shows the seal not stamped",
            ),
            Notice::PopupClosed { .. } => s(
                "签章窗口已关闭，印章未盖",
                "The signing window was closed before the seal was stamped",
            ),
            Notice::PopupTimedOut { .. } => s(
                "等待签章超过 10 分钟，已停止等待",
                "Stopped waiting for the seal after 10 minutes",
            ),
            Notice::Deleted { .. } => s("印章已删除", "The seal was deleted"),
            Notice::Conflict => s(
                "他人已修改此签章，已显示最新内容，请重新操作",
                "Someone else changed this signature; the latest version is shown, please try again",
            ),
            Notice::Verified { .. } => s("验证完成", "Verification finished"),
        }
    }
}

impl Lang {
    /// The document line when the engine gives no name.
    pub fn document(self) -> &'static str {
        self.pick("文件", "Document")
    }

    /// The document link's accessible name.
    pub fn open_document(self, name: &str, size: Option<&str>) -> String {
        match size {
            Some(size) => self.pick_owned(
                format!("在新标签页中打开 {name}（{size}）"),
                format!("Open {name} ({size}) in a new tab"),
            ),
            None => self.pick_owned(
                format!("在新标签页中打开 {name}"),
                format!("Open {name} in a new tab"),
            ),
        }
    }

    /// The document line before the first export.
    pub fn document_at_stamp(self) -> &'static str {
        self.pick(
            "盖章时将生成文件",
            "The document is generated when you stamp",
        )
    }

    /// Beside a document whose address was refused.
    pub fn document_refused(self) -> &'static str {
        self.pick("（地址不安全，未提供链接）", "(unsafe address, not linked)")
    }
}

/// 1.2 MB, 340 KB, 12 B. Integer arithmetic: float formatting alone would
/// add 14 KB to the control's download.
pub fn human_bytes(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes >= KB * KB {
        let tenths = bytes * 10 / (KB * KB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= KB {
        format!("{} KB", (bytes + KB / 2) / KB)
    } else {
        format!("{bytes} B")
    }
}
