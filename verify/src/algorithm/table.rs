//! The table: every algorithm we verify, once.

use super::check::{ecdsa, ed25519, ed448, rsa_pkcs1, rsa_pss, sm2};
use super::{Scheme, SignatureAlgorithm};
use crate::hash::Hash;
use crate::key::KeyFamily;
use crate::oid::{self, ObjectIdentifier};

const fn rsa(
    name: &'static str,
    hash: Hash,
    oids: &'static [ObjectIdentifier],
) -> SignatureAlgorithm {
    SignatureAlgorithm {
        name,
        aliases: &[],
        oids,
        scheme: Scheme::RsaPkcs1,
        hash,
        key: KeyFamily::Rsa,
        check: rsa_pkcs1,
    }
}

const fn pss(name: &'static str, hash: Hash) -> SignatureAlgorithm {
    SignatureAlgorithm {
        name,
        aliases: &[],
        oids: &[],
        scheme: Scheme::RsaPss,
        hash,
        key: KeyFamily::Rsa,
        check: rsa_pss,
    }
}

const fn ec(
    name: &'static str,
    hash: Hash,
    oids: &'static [ObjectIdentifier],
    scheme: Scheme,
) -> SignatureAlgorithm {
    SignatureAlgorithm {
        name,
        aliases: &[],
        oids,
        scheme,
        hash,
        key: KeyFamily::Ec,
        check: ecdsa,
    }
}

const PLAIN: Scheme = Scheme::PlainEcdsa;
const DER: Scheme = Scheme::Ecdsa;

pub const SM2_WITH_SM3: SignatureAlgorithm = SignatureAlgorithm {
    name: "SM2withSM3",
    aliases: &["SM3withSM2", "SM2"],
    oids: &[oid::SM2_WITH_SM3, oid::SM2_SIGN],
    scheme: Scheme::Sm2,
    hash: Hash::Sm3,
    key: KeyFamily::Sm2,
    check: sm2,
};
pub const SHA256_WITH_ECDSA: SignatureAlgorithm = SignatureAlgorithm {
    aliases: &["ES256", "ECDSA"],
    ..ec(
        "SHA256withECDSA",
        Hash::Sha256,
        &[oid::ECDSA_WITH_SHA256],
        DER,
    )
};
pub const SHA256_WITH_RSA: SignatureAlgorithm = SignatureAlgorithm {
    aliases: &["RS256", "RSA"],
    ..rsa("SHA256withRSA", Hash::Sha256, &[oid::SHA256_WITH_RSA])
};
pub const SHA256_WITH_RSA_PSS: SignatureAlgorithm = SignatureAlgorithm {
    aliases: &["PS256"],
    ..pss("SHA256withRSA/PSS", Hash::Sha256)
};
pub const ED25519: SignatureAlgorithm = SignatureAlgorithm {
    name: "Ed25519",
    aliases: &["EdDSA"],
    oids: &[oid::ED25519],
    scheme: Scheme::Ed25519,
    hash: Hash::Sha512,
    key: KeyFamily::Ed25519,
    check: ed25519,
};
pub const ED448: SignatureAlgorithm = SignatureAlgorithm {
    name: "Ed448",
    aliases: &[],
    oids: &[oid::ED448],
    scheme: Scheme::Ed448,
    hash: Hash::Shake256,
    key: KeyFamily::Ed448,
    check: ed448,
};

/// Every algorithm: the five of §6 first, in the spec's order.
pub static ALGORITHMS: &[&SignatureAlgorithm] = &[
    &SM2_WITH_SM3,
    &SHA256_WITH_ECDSA,
    &SHA256_WITH_RSA,
    &SHA256_WITH_RSA_PSS,
    &ED25519,
    &ED448,
    &rsa("SHA1withRSA", Hash::Sha1, &[oid::SHA1_WITH_RSA]),
    &rsa("SHA224withRSA", Hash::Sha224, &[oid::SHA224_WITH_RSA]),
    &rsa("SHA384withRSA", Hash::Sha384, &[oid::SHA384_WITH_RSA]),
    &rsa("SHA512withRSA", Hash::Sha512, &[oid::SHA512_WITH_RSA]),
    &rsa("SHA3-256withRSA", Hash::Sha3_256, &[oid::SHA3_256_WITH_RSA]),
    &rsa("SHA3-384withRSA", Hash::Sha3_384, &[oid::SHA3_384_WITH_RSA]),
    &rsa("SHA3-512withRSA", Hash::Sha3_512, &[oid::SHA3_512_WITH_RSA]),
    &pss("SHA1withRSA/PSS", Hash::Sha1),
    &pss("SHA224withRSA/PSS", Hash::Sha224),
    &pss("SHA384withRSA/PSS", Hash::Sha384),
    &pss("SHA512withRSA/PSS", Hash::Sha512),
    &pss("SHA3-256withRSA/PSS", Hash::Sha3_256),
    &pss("SHA3-384withRSA/PSS", Hash::Sha3_384),
    &pss("SHA3-512withRSA/PSS", Hash::Sha3_512),
    &ec("SHA1withECDSA", Hash::Sha1, &[oid::ECDSA_WITH_SHA1], DER),
    &ec(
        "SHA224withECDSA",
        Hash::Sha224,
        &[oid::ECDSA_WITH_SHA224],
        DER,
    ),
    &ec(
        "SHA384withECDSA",
        Hash::Sha384,
        &[oid::ECDSA_WITH_SHA384],
        DER,
    ),
    &ec(
        "SHA512withECDSA",
        Hash::Sha512,
        &[oid::ECDSA_WITH_SHA512],
        DER,
    ),
    &ec(
        "SHA3-256withECDSA",
        Hash::Sha3_256,
        &[oid::ECDSA_WITH_SHA3_256],
        DER,
    ),
    &ec(
        "SHA3-384withECDSA",
        Hash::Sha3_384,
        &[oid::ECDSA_WITH_SHA3_384],
        DER,
    ),
    &ec(
        "SHA3-512withECDSA",
        Hash::Sha3_512,
        &[oid::ECDSA_WITH_SHA3_512],
        DER,
    ),
    &ec(
        "SHA1withPLAIN-ECDSA",
        Hash::Sha1,
        &[oid::PLAIN_ECDSA_SHA1],
        PLAIN,
    ),
    &ec(
        "SHA224withPLAIN-ECDSA",
        Hash::Sha224,
        &[oid::PLAIN_ECDSA_SHA224],
        PLAIN,
    ),
    &ec(
        "SHA256withPLAIN-ECDSA",
        Hash::Sha256,
        &[oid::PLAIN_ECDSA_SHA256],
        PLAIN,
    ),
    &ec(
        "SHA384withPLAIN-ECDSA",
        Hash::Sha384,
        &[oid::PLAIN_ECDSA_SHA384],
        PLAIN,
    ),
    &ec(
        "SHA512withPLAIN-ECDSA",
        Hash::Sha512,
        &[oid::PLAIN_ECDSA_SHA512],
        PLAIN,
    ),
    &ec(
        "SHA3-256withPLAIN-ECDSA",
        Hash::Sha3_256,
        &[oid::PLAIN_ECDSA_SHA3_256],
        PLAIN,
    ),
    &ec(
        "SHA3-384withPLAIN-ECDSA",
        Hash::Sha3_384,
        &[oid::PLAIN_ECDSA_SHA3_384],
        PLAIN,
    ),
    &ec(
        "SHA3-512withPLAIN-ECDSA",
        Hash::Sha3_512,
        &[oid::PLAIN_ECDSA_SHA3_512],
        PLAIN,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_oids_are_unique() {
        for (i, a) in ALGORITHMS.iter().enumerate() {
            for b in &ALGORITHMS[..i] {
                assert_ne!(a.name, b.name);
                assert!(a.oids.iter().all(|o| !b.oids.contains(o)), "{a} / {b}");
                let names = |x: &SignatureAlgorithm| {
                    std::iter::once(x.name)
                        .chain(x.aliases.iter().copied())
                        .map(str::to_ascii_lowercase)
                        .collect::<Vec<_>>()
                };
                assert!(names(a).iter().all(|n| !names(b).contains(n)), "{a} / {b}");
            }
        }
    }

    #[test]
    fn the_name_says_the_hash_and_the_scheme() {
        for a in ALGORITHMS {
            let expected = match a.scheme {
                Scheme::RsaPkcs1 => format!("{}withRSA", a.hash.label()),
                Scheme::RsaPss => format!("{}withRSA/PSS", a.hash.label()),
                Scheme::Ecdsa => format!("{}withECDSA", a.hash.label()),
                Scheme::PlainEcdsa => format!("{}withPLAIN-ECDSA", a.hash.label()),
                Scheme::Sm2 => "SM2withSM3".to_owned(),
                Scheme::Ed25519 => "Ed25519".to_owned(),
                Scheme::Ed448 => "Ed448".to_owned(),
            };
            assert_eq!(a.name, expected);
        }
    }
}
