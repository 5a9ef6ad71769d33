//! The page preview's words ("show on the page"): the button, the region,
//! each outline's name and label, and what went wrong, in zh-CN and en.

use super::Lang;

impl Lang {
    pub fn preview_open(self) -> &'static str {
        self.pick("在页面上查看", "Show on the page")
    }

    pub fn preview_close(self) -> &'static str {
        self.pick("关闭页面预览", "Close the page view")
    }

    /// The region's accessible name.
    pub fn preview_title(self) -> &'static str {
        self.pick(
            "签名在页面上的位置",
            "Where the signatures are on the pages",
        )
    }

    pub fn preview_page(self, page: u32) -> String {
        self.pick_owned(format!("第 {page} 页"), format!("Page {page}"))
    }

    pub fn preview_loading(self) -> &'static str {
        self.pick("正在显示页面…", "Rendering the pages…")
    }

    pub fn preview_failed(self, why: &str) -> String {
        self.pick_owned(
            format!("无法显示页面：{why}"),
            format!("The pages could not be shown: {why}"),
        )
    }

    /// pdf.js itself could not be had (offline, blocked, server error).
    pub fn preview_viewer_missing(self) -> &'static str {
        self.pick(
            "页面查看器无法下载",
            "the page viewer could not be downloaded",
        )
    }

    /// Heading of the signatures that have no place on a page.
    pub fn preview_not_shown(self) -> &'static str {
        self.pick("未显示在页面上", "Not shown on a page")
    }

    /// Why a signature has no outline.
    pub fn preview_invisible(self) -> &'static str {
        self.pick("不可见签名", "invisible signature")
    }

    pub fn preview_no_place(self) -> &'static str {
        self.pick("没有位置信息", "no position given")
    }

    /// An InfoPlus seal that is not a PDF signature: where the outline
    /// comes from, since it is not drawn from the PDF's own record.
    pub fn preview_seal_at_placeholder(self) -> &'static str {
        self.pick("印章（按占位字段）", "seal (at its placeholder)")
    }

    pub fn preview_seal_at_position(self) -> &'static str {
        self.pick("印章（按坐标）", "seal (at its x/y)")
    }

    /// Short status words on a label: `data-status` → words.
    pub fn preview_status(self, status: &str) -> &'static str {
        match status {
            "valid" => self.pick("有效", "valid"),
            "invalid" => self.pick("无效", "invalid"),
            "indeterminate" => self.pick("无法确认", "not confirmed"),
            "listed" => self.pick("未验证", "not verified"),
            _ => self.pick("未能验证", "could not be verified"),
        }
    }

    /// An outline's accessible name: field, status, page.
    pub fn preview_outline_name(self, label: &str, status: &str, page: u32) -> String {
        let status = self.preview_status(status);
        self.pick_owned(
            format!("{label}，{status}，第 {page} 页"),
            format!("{label}, {status}, page {page}"),
        )
    }
}
