//! Long-term validation in words (§6c): a signature's PAdES level, whether
//! the document is "LTV enabled" for it, and what the revocation data says.

use infoplus_signature_core::verdict_pdf::{
    PadesLevel, RevocationReport, RevocationSource, RevocationStatus,
};

use super::Lang;

impl Lang {
    pub fn pades_level(self, level: PadesLevel) -> &'static str {
        match level {
            PadesLevel::BB => self.pick("PAdES B-B：基本签名", "PAdES B-B: a basic signature"),
            PadesLevel::BT => self.pick(
                "PAdES B-T：带可信时间戳的签名",
                "PAdES B-T: a signature with a trusted timestamp",
            ),
            PadesLevel::BLt => self.pick(
                "PAdES B-LT：文件中带有日后验证所需的证书和吊销信息",
                "PAdES B-LT: the document holds the certificates and revocation data to validate it later",
            ),
            PadesLevel::BLta => self.pick(
                "PAdES B-LTA：验证信息另有文档时间戳保护，可长期验证",
                "PAdES B-LTA: that validation data is itself protected by a document timestamp",
            ),
            PadesLevel::Pkcs7 => self.pick(
                "PKCS#7 签名（非 PAdES 格式）",
                "A PKCS#7 signature (not a PAdES format)",
            ),
        }
    }

    pub fn ltv(self, enabled: bool) -> &'static str {
        match enabled {
            true => self.pick(
                "已启用长期验证（LTV）",
                "LTV enabled: it can be validated after its certificates expire",
            ),
            false => self.pick("未启用长期验证（LTV）", "Not LTV enabled"),
        }
    }

    fn revocation_source(self, source: RevocationSource) -> &'static str {
        match source {
            RevocationSource::Dss | RevocationSource::Vri => {
                self.pick("文件中的验证信息", "the document's validation data")
            }
            RevocationSource::Cms => {
                self.pick("签名中的吊销信息", "the signature's own revocation data")
            }
            RevocationSource::Online => self.pick("在线查询", "an online query"),
        }
    }

    /// "Not revoked (the document's validation data of …)" / "Revoked on …".
    /// `time` says a report time in the viewer's words.
    pub fn revocation(self, report: &RevocationReport, time: &dyn Fn(&str) -> String) -> String {
        let source = self.revocation_source(report.source);
        let when = report.produced_at.as_deref().map_or("?".to_owned(), time);
        match report.status {
            RevocationStatus::Good => self.pick_owned(
                format!("证书未被吊销（依据{source}，{when}）"),
                format!("Not revoked (according to {source} of {when})"),
            ),
            RevocationStatus::Revoked => {
                let at = report.revoked_at.as_deref().map_or("?".to_owned(), time);
                match report.reason.as_deref() {
                    Some(reason) => self.pick_owned(
                        format!("证书已于 {at} 被吊销（原因：{reason}）"),
                        format!("Revoked on {at} ({reason})"),
                    ),
                    None => {
                        self.pick_owned(format!("证书已于 {at} 被吊销"), format!("Revoked on {at}"))
                    }
                }
            }
            RevocationStatus::Unknown => self.pick_owned(
                format!("吊销信息只涵盖部分证书链（{source}）"),
                format!("The revocation data covers only part of the chain ({source})"),
            ),
        }
    }
}
