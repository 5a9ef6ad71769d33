//! Where things are and which version: pages, fields, the signed version of
//! a signature, and the words around names and fingerprints.

use infoplus_signature_core::verdict_pdf::{ChangeClass, ChangedPlaces};

use super::Lang;

impl Lang {
    /// "Changed after this signature: page 2 (other changes …); field
    /// “name” (form filling); elsewhere (further signatures)".
    pub fn changed_places(self, places: &ChangedPlaces) -> String {
        let classes = |classes: &[ChangeClass]| {
            let words: Vec<&str> = classes.iter().map(|c| self.change_class(*c)).collect();
            words.join(self.pick("、", ", "))
        };
        let mut parts: Vec<String> = places
            .pages
            .iter()
            .map(|(page, c)| {
                self.pick_owned(
                    format!("第 {page} 页（{}）", classes(c)),
                    format!("page {page} ({})", classes(c)),
                )
            })
            .collect();
        parts.extend(places.fields.iter().map(|(field, c)| {
            self.pick_owned(
                format!("字段“{field}”（{}）", classes(c)),
                format!("field “{field}” ({})", classes(c)),
            )
        }));
        if !places.elsewhere.is_empty() {
            let c = classes(&places.elsewhere);
            parts.push(self.pick_owned(format!("文档其他部分（{c}）"), format!("elsewhere ({c})")));
        }
        self.pick_owned(
            format!("此签名之后的修改：{}", parts.join("；")),
            format!("Changed after this signature: {}", parts.join("; ")),
        )
    }

    pub fn not_on_a_page(self) -> &'static str {
        self.pick(
            "不显示在页面上（不可见签名）",
            "Not shown on a page (an invisible signature)",
        )
    }

    /// The link to the version of the document a signature signed.
    pub fn signed_version(self, revision: u32) -> String {
        self.pick_owned(
            format!("打开签署时的文件版本（第 {revision} 版）"),
            format!("Open the version it signed (revision {revision})"),
        )
    }

    pub fn full_name(self) -> &'static str {
        self.pick("完整名称", "Full name")
    }

    pub fn certificate_fingerprint(self) -> &'static str {
        self.pick("证书指纹（SHA-256）", "Certificate fingerprint (SHA-256)")
    }

    pub fn copy(self) -> &'static str {
        self.pick("复制", "Copy")
    }

    pub fn copied(self) -> &'static str {
        self.pick("已复制", "Copied")
    }

    /// The copy button's accessible name: what it copies.
    pub fn copy_what(self, what: &str) -> String {
        self.pick_owned(format!("复制{what}"), format!("Copy the {what}"))
    }
}
