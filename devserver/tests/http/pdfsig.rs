//! Reading the provider's sealed PDFs in tests: the signature dictionaries'
//! `/ByteRange` and `/Contents` (found in the bytes, independent of our
//! writer), and the parts of the CMS (with RustCrypto's `cms` reader).

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};

/// One embedded signature as written in the file.
#[derive(Debug, Clone)]
pub struct Embedded {
    pub byte_range: [usize; 4],
    /// The CMS DER, the gap's zero padding stripped.
    pub cms: Vec<u8>,
}

impl Embedded {
    /// The bytes the signature covers.
    pub fn signed_bytes(&self, pdf: &[u8]) -> Vec<u8> {
        let [a, b, c, d] = self.byte_range;
        [&pdf[a..a + b], &pdf[c..c + d]].concat()
    }
}

/// Every `/ByteRange [a b c d]` in the file with the `/Contents <…>` that
/// fills its gap, in file order.
/// Only the seals' signatures (`/Type /Sig`): the document timestamps the
/// provider adds after each seal (B-LTA) are in [`document_timestamps`].
pub fn signatures(pdf: &[u8]) -> Vec<Embedded> {
    all(pdf)
        .into_iter()
        .filter(|(timestamp, _)| !timestamp)
        .map(|(_, e)| e)
        .collect()
}

/// The document timestamps (`/Type /DocTimeStamp`), in file order.
pub fn document_timestamps(pdf: &[u8]) -> Vec<Embedded> {
    all(pdf)
        .into_iter()
        .filter(|(timestamp, _)| *timestamp)
        .map(|(_, e)| e)
        .collect()
}

/// Every signature dictionary with whether it is a document timestamp
/// (its `/Type`, written just before `/ByteRange` by our writer).
fn all(pdf: &[u8]) -> Vec<(bool, Embedded)> {
    let needle = b"/ByteRange [";
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(pos) = find(&pdf[at..], needle) {
        let start = at + pos + needle.len();
        let end = start + find(&pdf[start..], b"]").unwrap();
        let numbers: Vec<usize> = std::str::from_utf8(&pdf[start..end])
            .unwrap()
            .split_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let byte_range: [usize; 4] = numbers.try_into().unwrap();
        let gap = &pdf[byte_range[1]..byte_range[2]];
        assert_eq!(gap[0], b'<');
        assert_eq!(gap[gap.len() - 1], b'>');
        let all = hex::decode(&gap[1..gap.len() - 1]).unwrap();
        let before = &pdf[(at + pos).saturating_sub(160)..at + pos];
        let timestamp = find(before, b"/DocTimeStamp").is_some();
        found.push((
            timestamp,
            Embedded {
                byte_range,
                cms: strip_padding(&all),
            },
        ));
        at = end;
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The DER value at the start of `bytes` (its length from the header).
fn strip_padding(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(bytes[0], 0x30, "a SEQUENCE");
    let (len, header) = match bytes[1] {
        n if n < 0x80 => (n as usize, 2),
        n => {
            let count = (n & 0x7f) as usize;
            let len = bytes[2..2 + count]
                .iter()
                .fold(0usize, |acc, b| acc << 8 | *b as usize);
            (len, 2 + count)
        }
    };
    assert!(
        bytes[header + len..].iter().all(|b| *b == 0),
        "only zeros after the CMS"
    );
    bytes[..header + len].to_vec()
}

/// The parts of a one-signer CMS SignedData that OpenSSL checks.
pub struct CmsParts {
    /// DER of the signed attributes as a SET (what is signed).
    pub signed_attrs: Vec<u8>,
    pub signature: Vec<u8>,
    pub message_digest: Vec<u8>,
    /// The signer's certificate (the one not self-issued), DER.
    pub signer_certificate: Vec<u8>,
    /// The RFC 3161 token (unsigned attribute), DER.
    pub timestamp_token: Vec<u8>,
    pub signed_attribute_oids: Vec<String>,
}

pub fn cms_parts(der: &[u8]) -> CmsParts {
    let info = ContentInfo::from_der(der).unwrap();
    let signed: SignedData = info.content.decode_as().unwrap();
    let signer = signed.signer_infos.0.iter().next().unwrap();
    let attrs = signer.signed_attrs.as_ref().unwrap();
    let attribute = |set: &x509_cert::attr::Attributes, oid: &str| {
        set.iter()
            .find(|a| a.oid.to_string() == oid)
            .and_then(|a| a.values.iter().next().cloned())
            .unwrap_or_else(|| panic!("attribute {oid}"))
    };
    let digest = attribute(attrs, "1.2.840.113549.1.9.4");
    let message_digest = digest
        .decode_as::<der::asn1::OctetString>()
        .unwrap()
        .as_bytes()
        .to_vec();
    let token = attribute(
        signer.unsigned_attrs.as_ref().unwrap(),
        "1.2.840.113549.1.9.16.2.14",
    )
    .to_der()
    .unwrap();
    let signer_certificate = signed
        .certificates
        .as_ref()
        .unwrap()
        .0
        .iter()
        .find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate().issuer() != c.tbs_certificate().subject() =>
            {
                Some(c.to_der().unwrap())
            }
            _ => None,
        })
        .unwrap();
    CmsParts {
        signed_attrs: attrs.to_der().unwrap(),
        signature: signer.signature.as_bytes().to_vec(),
        message_digest,
        signer_certificate,
        timestamp_token: token,
        signed_attribute_oids: attrs.iter().map(|a| a.oid.to_string()).collect(),
    }
}
