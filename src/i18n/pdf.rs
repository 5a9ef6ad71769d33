//! The PDF's own signatures (spec §6a) in words: the document's banner,
//! each signature's status, identity, coverage, later changes, times and
//! warnings. Only the verify part's views use these.

use infoplus_signature_core::verdict_pdf::{
    Change, ChangeClass, ChangeRole, Coverage, DocumentVerdict, Identity, Integrity,
    SignatureFormat, SignatureStatus, TimeSource, Warning,
};

use super::Lang;

impl Lang {
    pub fn document_verdict(self, verdict: DocumentVerdict) -> &'static str {
        match verdict {
            DocumentVerdict::Valid => {
                self.pick("文件中的签名全部有效", "Every signature in the document is valid")
            }
            DocumentVerdict::Indeterminate => self.pick(
                "至少一个签名存在问题：无法确认签署人身份或其后的修改",
                "At least one signature has problems: its signer or the later changes cannot be confirmed",
            ),
            DocumentVerdict::Invalid => self.pick(
                "至少一个签名无效",
                "At least one signature is invalid",
            ),
            DocumentVerdict::Unsigned => {
                self.pick("文件中没有内嵌签名", "The document has no embedded signature")
            }
        }
    }

    pub fn signature_status(self, status: SignatureStatus) -> &'static str {
        match status {
            SignatureStatus::Valid => self.pick("签名有效", "Valid signature"),
            SignatureStatus::Indeterminate => {
                self.pick("签名完好，但无法确认", "Intact, but not confirmed")
            }
            SignatureStatus::Invalid => self.pick("签名无效", "Invalid signature"),
        }
    }

    pub fn integrity(self, integrity: Integrity) -> &'static str {
        match integrity {
            Integrity::Intact => self.pick("签署后内容未被修改", "Unchanged since it was signed"),
            Integrity::Altered => self.pick("签署的内容已被修改", "The signed content was altered"),
            Integrity::BadSignature => self.pick(
                "签名值与签署人的证书不符",
                "The signature value does not match the signer's certificate",
            ),
            Integrity::Malformed => {
                self.pick("签名数据无法读取", "The signature data cannot be read")
            }
            Integrity::Unsupported => self.pick(
                "不支持的签名格式或算法",
                "A signature format or algorithm that is not supported",
            ),
        }
    }

    pub fn identity(self, identity: Identity) -> &'static str {
        match identity {
            Identity::Trusted => self.pick("签署人已验证", "Signer verified"),
            Identity::UnknownIssuer => self.pick(
                "身份未知：证书并非由受信任的机构颁发",
                "Identity unknown: the certificate is not from a trusted issuer",
            ),
            Identity::SelfSigned => self.pick(
                "身份未知：自签名证书",
                "Identity unknown: a self-signed certificate",
            ),
            Identity::Expired => self.pick(
                "签署时证书已过期",
                "The certificate had expired when it signed",
            ),
            Identity::NotYetValid => self.pick(
                "签署时证书尚未生效",
                "The certificate was not yet valid when it signed",
            ),
            Identity::ChainInvalid => self.pick("证书链无效", "The certificate chain is invalid"),
            Identity::NoCertificate => self.pick(
                "签名中没有签署人的证书",
                "The signature carries no certificate",
            ),
            Identity::Revoked => self.pick(
                "签署时证书已被吊销",
                "The certificate had been revoked when it signed",
            ),
        }
    }

    pub fn coverage(self, coverage: Coverage) -> &'static str {
        match coverage {
            Coverage::WholeFile => self.pick("签名覆盖整个文件", "Covers the whole file"),
            Coverage::Revision => self.pick(
                "签名覆盖签署时的版本，之后文件有追加修改",
                "Covers the version it signed; the file was added to afterwards",
            ),
            Coverage::Partial => {
                self.pick("签名只覆盖文件的一部分", "Covers only part of the file")
            }
            Coverage::Unclear => self.pick(
                "签名覆盖的范围无法确定",
                "What it covers cannot be determined",
            ),
        }
    }

    pub fn change_class(self, class: ChangeClass) -> &'static str {
        match class {
            ChangeClass::Signing => self.pick("追加签名", "further signatures"),
            ChangeClass::Timestamp => {
                self.pick("时间戳或验证数据", "timestamps or validation data")
            }
            ChangeClass::FormFill => self.pick("填写表单", "form filling"),
            ChangeClass::Annotation => self.pick("批注", "annotations"),
            ChangeClass::Metadata => self.pick("文档信息", "document information"),
            ChangeClass::Other => {
                self.pick("其他修改（页面内容等）", "other changes (page content, …)")
            }
        }
    }

    pub fn changes_after(self, classes: &[ChangeClass]) -> String {
        let words: Vec<&str> = classes.iter().map(|c| self.change_class(*c)).collect();
        self.pick_owned(
            format!("此签名之后的修改：{}", words.join("、")),
            format!("Changed after this signature: {}", words.join(", ")),
        )
    }

    /// What a changed object is, in words (exhaustive: a new role does not
    /// compile without them).
    pub fn change_role(self, role: ChangeRole) -> &'static str {
        use ChangeRole as R;
        let (zh, en) = match role {
            R::Catalog => ("文档目录", "the document catalog"),
            R::Info => ("文档信息", "the document information"),
            R::Metadata => ("元数据", "metadata"),
            R::Form => ("表单", "the form"),
            R::FieldList => ("表单字段列表", "a list of form fields"),
            R::Field => ("表单字段", "a form field"),
            R::Widget => ("字段在页面上的位置", "a field's place on a page"),
            R::SignatureField => ("签名字段", "a signature field"),
            R::Appearance => ("字段外观", "a field's appearance"),
            R::Signature => ("签名数据", "a signature"),
            R::Dss => ("长期验证数据", "validation data"),
            R::Page => ("页面", "a page"),
            R::Pages => ("页面目录", "the page tree"),
            R::Annotations => ("页面注释列表", "a page's list of annotations"),
            R::Annotation => ("注释", "an annotation"),
            R::PageContent => ("页面内容", "what a page shows"),
            R::Xobject => ("页面上绘制的图像或图形", "an image or drawing a page shows"),
            R::Font => ("字体", "a font"),
            R::Other => ("其他对象", "another object"),
        };
        self.pick(zh, en)
    }

    /// One changed object: "Object 11 (what a page shows): other changes".
    pub fn change(self, change: &Change) -> String {
        let role = self.change_role(change.role);
        let class = self.change_class(change.class);
        self.pick_owned(
            format!("对象 {}（{role}）：{class}", change.object),
            format!("Object {} ({role}): {class}", change.object),
        )
    }

    /// The format of a signature that is not a plain CMS, in words.
    pub fn signature_format(self, format: SignatureFormat) -> Option<&'static str> {
        let (zh, en) = match format {
            SignatureFormat::Cms | SignatureFormat::CmsGm => return None,
            SignatureFormat::Ses => (
                "国标电子印章签名（GB/T 38540）",
                "A Chinese electronic seal (GB/T 38540)",
            ),
            SignatureFormat::Pkcs1 => (
                "旧式 PKCS#1 签名，证书在 /Cert 中",
                "A legacy PKCS#1 signature with its certificate in /Cert",
            ),
            SignatureFormat::Raw => (
                "裸签名值：文件中没有指明其公钥",
                "A bare signature value: the document does not name its key",
            ),
            SignatureFormat::Timestamp => {
                ("文档时间戳（RFC 3161）", "A document timestamp (RFC 3161)")
            }
            SignatureFormat::Unknown => ("无法识别的签名格式", "A signature format not recognised"),
        };
        Some(self.pick(zh, en))
    }

    pub fn other_fields(self, fields: &[String]) -> String {
        self.pick_owned(
            format!("同一签名也出现在字段：{}", fields.join("、")),
            format!("The same signature also fills: {}", fields.join(", ")),
        )
    }

    /// The engine's own sentence about why (English, from the verifier).
    pub fn verifier_says(self, why: &str) -> String {
        self.pick_owned(
            format!("验证器说明：{why}"),
            format!("The verifier says: {why}"),
        )
    }

    pub fn encrypted_document(self) -> &'static str {
        self.pick(
            "文件已加密（无需密码即可打开），已解密后验证",
            "The document is encrypted (it opens without a password) and was decrypted to verify it",
        )
    }

    pub fn certification(self, permissions: u8, permitted: bool) -> String {
        let what = match permissions {
            1 => self.pick("不允许任何修改", "no changes allowed"),
            2 => self.pick("允许填写表单和签名", "form filling and signing allowed"),
            _ => self.pick(
                "允许填写表单、签名和批注",
                "form filling, signing and annotations allowed",
            ),
        };
        let broken = if permitted {
            ""
        } else {
            self.pick("；之后有不允许的修改", "; later changes are not permitted")
        };
        self.pick_owned(
            format!("认证签名：{what}{broken}"),
            format!("Certification signature: {what}{broken}"),
        )
    }

    pub fn signed_by(self) -> &'static str {
        self.pick("签署人", "Signed by")
    }

    pub fn signing_time(self, time: &str, source: TimeSource, authority: Option<&str>) -> String {
        let from = match (source, authority) {
            (TimeSource::Timestamp, Some(tsa)) => self.pick_owned(
                format!("时间戳机构 {tsa}"),
                format!("timestamp authority {tsa}"),
            ),
            (TimeSource::Timestamp, None) => {
                self.pick("时间戳机构", "a timestamp authority").to_owned()
            }
            (TimeSource::SignedAttribute | TimeSource::Dictionary, _) => self
                .pick("签署人自己的时钟", "the signer's clock")
                .to_owned(),
        };
        self.pick_owned(
            format!("签署时间 {time}，来源：{from}"),
            format!("Signed at {time}, according to {from}"),
        )
    }

    /// A warning in words. The match is exhaustive: a new warning does
    /// not compile until it has words in both languages.
    pub fn warning(self, warning: Warning) -> &'static str {
        use Warning as W;
        let (zh, en) = match warning {
            W::RevocationNotChecked => (
                "文件中没有签署之后的吊销信息，无法确认证书是否已被吊销",
                "No revocation data from after the signing: whether the certificate was revoked is not known",
            ),
            W::RevokedAfterSigning => (
                "证书在签署之后被吊销，签署时仍有效",
                "The certificate was revoked after the signing; it was valid when it signed",
            ),
            W::Sm2EmptyId => (
                "SM2 签名使用了空的区分标识，而非 GM/T 0009 的默认值",
                "The SM2 signature uses the empty distinguishing id, not the GM/T 0009 default",
            ),
            W::Sha1InChain => (
                "证书链中有证书使用 SHA-1 签名",
                "A certificate in the chain is signed with SHA-1",
            ),
            W::WeakAlgorithm => (
                "签名使用了弱算法（SHA-1 或短于 2048 位的 RSA 密钥）",
                "The signature uses a weak algorithm (SHA-1, or an RSA key shorter than 2048 bits)",
            ),
            W::KeyUsageMissing => (
                "签署人证书没有用于签名的密钥用法",
                "The signer's certificate states no key usage for signing",
            ),
            W::TimestampingEkuMissing => (
                "时间戳机构的证书未声明时间戳用途",
                "The timestamp authority's certificate is not marked for timestamping",
            ),
            W::CertificateUnreadable => (
                "签名中有无法读取的证书",
                "A certificate in the signature could not be read",
            ),
            W::ContentsMissing => (
                "签名字典中没有签名数据",
                "The signature dictionary holds no signature",
            ),
            W::ContentsOutsideGap => (
                "签名数据不在签名范围留出的位置",
                "The signature data is not where the signed byte ranges leave room for it",
            ),
            W::ContentsTrailingBytes => (
                "签名数据之后还有多余的字节",
                "Other bytes follow the signature data",
            ),
            W::CmsUnreadable => ("无法读取签名数据", "The signature data cannot be read"),
            W::DocTimestampNotAToken => (
                "文档时间戳不是 RFC 3161 时间戳",
                "The document timestamp is not an RFC 3161 token",
            ),
            W::NoSigner => ("签名中没有签署人信息", "The signature names no signer"),
            W::SeveralSigners => (
                "签名中有多个签署人，均已验证",
                "The signature has several signers; each was verified",
            ),
            W::AlgorithmUnsupported => (
                "签名使用了本验证器不支持的格式或算法",
                "The signature uses a format or algorithm this verifier does not check",
            ),
            W::MixedHashes => (
                "RSA-PSS 签名的掩码函数与消息使用了不同的摘要算法（标准不允许）",
                "The RSA-PSS signature masks with another hash than its message (the standards forbid the mix)",
            ),
            W::TimestampBroken => (
                "签名时间戳无效",
                "The signature's timestamp does not verify",
            ),
            W::TimestampUntrusted => (
                "时间戳机构不受信任",
                "The timestamp authority is not trusted",
            ),
            W::NoSigningTime => ("签名没有签署时间", "The signature states no signing time"),
            W::MessageDigestMissing => (
                "签名属性中缺少文件摘要",
                "The signed attributes lack the document's digest",
            ),
            W::ContentTypeMissing => (
                "签名属性中缺少内容类型",
                "The signed attributes lack the content type",
            ),
            W::RevisionsUnreadable => (
                "无法区分文件的各个修订版本",
                "The document's revisions could not be told apart",
            ),
            W::ChangesNotFullyAnalysed => (
                "未能完整分析签名之后的修改",
                "The changes made after this signature could not be fully analysed",
            ),
            W::DocmdpPInvalid => (
                "认证签名的修改权限值无效，按最严格处理",
                "The certification's permission value is invalid; the strictest was assumed",
            ),
            W::CertificationNotFirst => (
                "认证签名必须是文件的第一个签名，此认证签名在其他签名之后",
                "A certification signature must be the document's first; this one came after another",
            ),
            W::AmbiguousSignatureDictionary => (
                "签名字典中的签名数据或签名范围出现了两次，无法确定签署的是哪一个",
                "The signature dictionary names its signature data or byte ranges twice: which one was signed cannot be told",
            ),
            W::PageTreeUnreadable => (
                "无法读取文件的页面目录",
                "The document's page tree cannot be read",
            ),
            W::TrailingUpdate => (
                "文件在最后一个完整版本之后还有内容（修改被截断，或追加时没有写交叉引用表）",
                "The file goes on after its last complete revision (an update cut off, or appended without a cross-reference table)",
            ),
            W::XrefReconstructed => (
                "文件的交叉引用表有误，已通过扫描文件重建",
                "The file's cross-reference table was wrong; it was rebuilt by scanning the file",
            ),
            W::TrustStoreProblem => (
                "部分受信任的证书无法使用",
                "Some of the trusted certificates could not be used",
            ),
            W::SealSignatureInvalid => (
                "电子印章制作者的签名不符：印章被修改或伪造",
                "The seal maker's signature does not match: the seal was changed or forged",
            ),
            W::SealOutsideValidity => (
                "盖章时电子印章不在有效期内",
                "The seal was outside its validity period when it was used",
            ),
            W::SealSignerNotAllowed => (
                "电子印章不允许签章人的证书使用",
                "The seal does not allow the signer's certificate to use it",
            ),
            W::SealMakerUntrusted => (
                "无法确认电子印章的制作者",
                "The seal's maker cannot be confirmed",
            ),
            W::SealPictureUnreadable => (
                "无法显示电子印章的图像",
                "The seal's picture cannot be shown",
            ),
        };
        self.pick(zh, en)
    }

    /// Under a seal that is a PDF signature: which one.
    pub fn pdf_signature_name(self, name: &str) -> String {
        self.pick_owned(
            format!("对应文件中的 PDF 签名「{name}」"),
            format!("The PDF signature “{name}” in the document"),
        )
    }

    pub fn download_report(self) -> &'static str {
        self.pick("下载验证报告", "Download report")
    }

    pub fn document_sha256(self) -> &'static str {
        self.pick("文件 SHA-256", "Document SHA-256")
    }

    pub fn trust_problem(self, why: &str) -> String {
        self.pick_owned(
            format!("未能使用受信任的证书：{why}"),
            format!("The trusted certificates could not be used: {why}"),
        )
    }
}
