//! Verification results in the words of spec §6.

use infoplus_signature_core::verdict::{MalformedPart, PdfReport, PdfSignature, SealVerdict};

use super::{human_bytes, Lang};

impl Lang {
    /// The headline of a verdict.
    pub fn verdict(self, verdict: &SealVerdict) -> String {
        match verdict {
            SealVerdict::Valid(_) => self
                .pick(
                    "签名有效：文件自盖章后未被修改",
                    "Valid: the document is unchanged since sealing",
                )
                .to_owned(),
            SealVerdict::Invalid { .. } => self
                .pick(
                    "签名无效：文件在盖章后被修改，或并非此密钥所签",
                    "Invalid: the document changed since sealing, or this key did not sign it",
                )
                .to_owned(),
            SealVerdict::Indeterminate { .. } => self
                .pick(
                    "签名完好，但无法确认签署人身份或其后的修改",
                    "Intact, but the signer's identity or the later changes cannot be confirmed",
                )
                .to_owned(),
            SealVerdict::Unsupported { algorithm } => self.pick_owned(
                format!("不支持的签名算法：{algorithm}"),
                format!("Unsupported algorithm: {algorithm}"),
            ),
            SealVerdict::Malformed { part, detail } => {
                let what = match part {
                    MalformedPart::Key => self.pick("公钥", "public key"),
                    MalformedPart::Signature => self.pick("签名值", "signature"),
                };
                self.pick_owned(
                    format!("{what}无法读取：{detail}"),
                    format!("The {what} cannot be read: {detail}"),
                )
            }
            SealVerdict::Unavailable { reason } => self.pick_owned(
                format!("无法获取文件：{reason}"),
                format!("The document could not be fetched: {reason}"),
            ),
            SealVerdict::NotPdf { detail } => self.pick_owned(
                format!("文件不是 PDF（{detail}）"),
                format!("The document is not a PDF ({detail})"),
            ),
            SealVerdict::TooLarge { limit, size } => {
                let size = size.map(human_bytes).unwrap_or_else(|| "?".to_owned());
                self.pick_owned(
                    format!(
                        "文件过大（{size}），超过 {} 的验证上限",
                        human_bytes(*limit)
                    ),
                    format!(
                        "The document is too large ({size}); the limit is {}",
                        human_bytes(*limit)
                    ),
                )
            }
            SealVerdict::Unsigned => self.pick("尚未盖章", "Not stamped yet").to_owned(),
        }
    }

    pub fn algorithm(self) -> &'static str {
        self.pick("算法", "Algorithm")
    }
    pub fn key_fingerprint(self) -> &'static str {
        self.pick("公钥指纹 (SHA-256)", "Key fingerprint (SHA-256)")
    }
    pub fn certificate_subject(self) -> &'static str {
        self.pick("证书主体", "Certificate subject")
    }
    pub fn certificate_issuer(self) -> &'static str {
        self.pick("颁发者", "Issuer")
    }
    pub fn certificate_validity(self, from: &str, to: &str) -> String {
        self.pick_owned(
            format!("有效期 {from} 至 {to}"),
            format!("Valid from {from} to {to}"),
        )
    }
    pub fn signer_allowed(self, allowed: bool) -> &'static str {
        match allowed {
            true => self.pick("签署人在允许名单内", "The signer is on the allowed list"),
            false => self.pick(
                "签署人不在允许名单内",
                "The signer is NOT on the allowed list",
            ),
        }
    }

    /// What the PDF says about itself.
    pub fn pdf_summary(self, report: &PdfReport) -> String {
        match report {
            PdfReport::Parsed {
                pages, signatures, ..
            } => self.pick_owned(
                format!("PDF 共 {pages} 页，内嵌签名 {} 个", signatures.len()),
                format!(
                    "PDF: {pages} page(s), {} embedded signature(s)",
                    signatures.len()
                ),
            ),
            PdfReport::Unreadable { reason } => self.pick_owned(
                format!("PDF 无法解析：{reason}"),
                format!("The PDF cannot be read: {reason}"),
            ),
        }
    }

    /// One embedded PDF signature in a line.
    pub fn pdf_signature(self, sig: &PdfSignature) -> String {
        let unknown = self.pick("未知", "unknown");
        let who = sig.signer.as_deref().unwrap_or(unknown);
        let when = sig.time.as_deref().unwrap_or(unknown);
        let kind = sig.sub_filter.as_deref().unwrap_or(unknown);
        let coverage = if !sig.byte_range_well_formed {
            self.pick("签名范围 (ByteRange) 格式错误", "malformed /ByteRange")
        } else if sig.covers_whole_file {
            self.pick("覆盖整个文件", "covers the whole file")
        } else {
            self.pick("此签名之后文件被修改过", "changed after this signature")
        };
        let reason = sig
            .reason
            .as_deref()
            .map(|r| self.pick_owned(format!("，原因：{r}"), format!(", reason: {r}")))
            .unwrap_or_default();
        self.pick_owned(
            format!("{who}，{when}，{kind}{reason}：{coverage}"),
            format!("{who}, {when}, {kind}{reason}: {coverage}"),
        )
    }
}
