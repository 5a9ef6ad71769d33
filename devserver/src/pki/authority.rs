//! The three roots by name: the `{ca}` of `/ocsp/{ca}` and `/crl/{ca}.crl`,
//! and which root issues for which key kind.

use super::KeyKind;

/// One of the dev roots (the TSA is issued by the ECDSA root; Ed25519
/// seals too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RootCa {
    Sm2,
    Ecdsa,
    Rsa,
}

impl RootCa {
    pub const ALL: [RootCa; 3] = [RootCa::Sm2, RootCa::Ecdsa, RootCa::Rsa];

    /// The name in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            RootCa::Sm2 => "sm2",
            RootCa::Ecdsa => "ecdsa",
            RootCa::Rsa => "rsa",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RootCa> {
        RootCa::ALL.into_iter().find(|ca| ca.slug() == slug)
    }

    /// The algorithm of the root's key (and of its OCSP responder's).
    pub fn kind(self) -> KeyKind {
        match self {
            RootCa::Sm2 => KeyKind::Sm2,
            RootCa::Ecdsa => KeyKind::EcdsaP256,
            RootCa::Rsa => KeyKind::Rsa,
        }
    }

    /// The root that issues for seals of `kind`: SM2 for SM2, RSA for RSA,
    /// ECDSA for ECDSA and Ed25519 (no Ed25519 root: one classic-curve root
    /// is enough to test a mixed chain).
    pub fn for_kind(kind: KeyKind) -> RootCa {
        match kind {
            KeyKind::Sm2 => RootCa::Sm2,
            KeyKind::Rsa => RootCa::Rsa,
            KeyKind::EcdsaP256 | KeyKind::Ed25519 => RootCa::Ecdsa,
        }
    }

    /// How names read it: "InfoPlus Dev SM2 Root CA".
    pub(crate) fn label(self) -> &'static str {
        match self {
            RootCa::Sm2 => "SM2",
            RootCa::Ecdsa => "ECDSA",
            RootCa::Rsa => "RSA",
        }
    }

    /// This root's OCSP responder as served from `origin` (`http://host:port`).
    pub fn ocsp_url(self, origin: &str) -> String {
        format!("{origin}/ocsp/{}", self.slug())
    }

    /// This root's CRL as served from `origin`.
    pub fn crl_url(self, origin: &str) -> String {
        format!("{origin}/crl/{}.crl", self.slug())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_urls_name_them() {
        for ca in RootCa::ALL {
            assert_eq!(RootCa::from_slug(ca.slug()), Some(ca));
            assert_eq!(RootCa::for_kind(ca.kind()), ca);
        }
        assert_eq!(RootCa::from_slug("ed25519"), None);
        assert_eq!(RootCa::for_kind(KeyKind::Ed25519), RootCa::Ecdsa);
        assert_eq!(
            RootCa::Sm2.ocsp_url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/ocsp/sm2"
        );
        assert_eq!(
            RootCa::Rsa.crl_url("http://[::1]:9"),
            "http://[::1]:9/crl/rsa.crl"
        );
    }
}
