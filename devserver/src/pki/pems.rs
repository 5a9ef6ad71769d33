//! The dev PKI as stored: every key and certificate as `(name, PEM)`.
//! A database made before the OCSP responders existed lacks theirs: they
//! are made on load, and the caller stores them (see
//! `certificates::ensure_pki`).

use time::OffsetDateTime;

use super::{DevPki, Issued, KeyKind, PkiError, RootCa};

/// The names under which [`DevPki::to_pems`] stores each piece, in the
/// order of `DevPki::pieces`.
const PEM_NAMES: [&str; 14] = [
    "sm2-root.key",
    "sm2-root.crt",
    "ecdsa-root.key",
    "ecdsa-root.crt",
    "rsa-root.key",
    "rsa-root.crt",
    "tsa.key",
    "tsa.crt",
    "sm2-ocsp.key",
    "sm2-ocsp.crt",
    "ecdsa-ocsp.key",
    "ecdsa-ocsp.crt",
    "rsa-ocsp.key",
    "rsa-ocsp.crt",
];

impl DevPki {
    /// Every key and certificate as `(name, PEM)`, for storage.
    pub fn to_pems(&self) -> Vec<(String, String)> {
        let pieces = [
            &self.sm2_root,
            &self.ecdsa_root,
            &self.rsa_root,
            &self.tsa,
            &self.sm2_ocsp,
            &self.ecdsa_ocsp,
            &self.rsa_ocsp,
        ]
        .into_iter()
        .flat_map(|issued| [&issued.key_pem, &issued.cert_pem]);
        PEM_NAMES
            .iter()
            .zip(pieces)
            .map(|(name, pem)| ((*name).to_owned(), pem.clone()))
            .collect()
    }

    /// The inverse of [`DevPki::to_pems`]; checks every key can sign. An
    /// OCSP responder missing from `pems` (a database older than them) is
    /// issued now, valid from a day before `now`: compare
    /// [`DevPki::to_pems`] with `pems` to see whether to store it.
    pub fn from_pems(pems: &[(String, String)], now: OffsetDateTime) -> Result<DevPki, PkiError> {
        let find = |name: &str| {
            pems.iter()
                .find(|(n, _)| n == name)
                .map(|(_, pem)| pem.as_str())
                .ok_or_else(|| PkiError::Missing(name.to_owned()))
        };
        let load = |stem: &str, kind: KeyKind| -> Result<Issued, PkiError> {
            let issued =
                Issued::from_pems(find(&format!("{stem}.key"))?, find(&format!("{stem}.crt"))?)?;
            issued.signer(kind)?;
            Ok(issued)
        };
        let sm2_root = load("sm2-root", KeyKind::Sm2)?;
        let ecdsa_root = load("ecdsa-root", KeyKind::EcdsaP256)?;
        let rsa_root = load("rsa-root", KeyKind::Rsa)?;
        let responder = |ca: RootCa, root: &Issued| -> Result<Issued, PkiError> {
            let stem = format!("{}-ocsp", ca.slug());
            let stored = [".key", ".crt"]
                .iter()
                .all(|ext| find(&format!("{stem}{ext}")).is_ok());
            if stored {
                load(&stem, ca.kind())
            } else {
                super::responders::issue_responder(root, ca, now)
            }
        };
        Ok(DevPki {
            tsa: load("tsa", KeyKind::EcdsaP256)?,
            sm2_ocsp: responder(RootCa::Sm2, &sm2_root)?,
            ecdsa_ocsp: responder(RootCa::Ecdsa, &ecdsa_root)?,
            rsa_ocsp: responder(RootCa::Rsa, &rsa_root)?,
            sm2_root,
            ecdsa_root,
            rsa_root,
        })
    }
}
