//! The provider simulator's people and seals. Keys are generated with the OS
//! CSPRNG on first start and kept in SQLite, so signatures made yesterday
//! still verify with the same public key today.

use crate::keys::{self, Algorithm, KeyError};
use crate::pdf::ContentsFormat;
use crate::store::{SealRow, Store, StoreError};

/// A provider user: account and display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct User {
    pub account: &'static str,
    pub name: &'static str,
}

pub const USERS: [User; 3] = [
    User {
        account: "zhangsan",
        name: "张三",
    },
    User {
        account: "lisi",
        name: "李四",
    },
    User {
        account: "wangwu",
        name: "王五",
    },
];

pub fn user(account: &str) -> Option<User> {
    USERS.iter().copied().find(|u| u.account == account)
}

struct SealSpec {
    id: &'static str,
    name: &'static str,
    seal_type: &'static str,
    algorithm: Algorithm,
    owner: &'static str,
    owner_name: &'static str,
    holders: &'static [&'static str],
    /// What the seal puts in the PDF: a CMS, or a GB/T 38540 electronic
    /// seal (SM2 only).
    format: ContentsFormat,
}

const SEALS: [SealSpec; 8] = [
    SealSpec {
        id: "seal-zhangsan-sm2",
        name: "张三 personal",
        seal_type: "personal",
        algorithm: Algorithm::Sm2,
        owner: "zhangsan",
        owner_name: "张三",
        holders: &["zhangsan"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-lisi-sm2",
        name: "李四 personal",
        seal_type: "personal",
        algorithm: Algorithm::Sm2,
        owner: "lisi",
        owner_name: "李四",
        holders: &["lisi"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-wangwu-sm2",
        name: "王五 personal",
        seal_type: "personal",
        algorithm: Algorithm::Sm2,
        owner: "wangwu",
        owner_name: "王五",
        holders: &["wangwu"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-renshichu-sm2",
        name: "人事处 official seal",
        seal_type: "official",
        algorithm: Algorithm::Sm2,
        owner: "renshichu",
        owner_name: "人事处",
        holders: &["wangwu", "lisi"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-zhangsan-ecdsa",
        name: "张三 ECDSA",
        seal_type: "personal",
        algorithm: Algorithm::EcdsaP256,
        owner: "zhangsan",
        owner_name: "张三",
        holders: &["zhangsan"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-lisi-rsa",
        name: "李四 RSA",
        seal_type: "personal",
        algorithm: Algorithm::RsaPkcs1Sha256,
        owner: "lisi",
        owner_name: "李四",
        holders: &["lisi"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-wangwu-ed25519",
        name: "王五 Ed25519",
        seal_type: "personal",
        algorithm: Algorithm::Ed25519,
        owner: "wangwu",
        owner_name: "王五",
        holders: &["wangwu"],
        format: ContentsFormat::Cades,
    },
    SealSpec {
        id: "seal-zhangsan-ses",
        name: "张三 电子印章 (GB/T 38540)",
        seal_type: "personal",
        algorithm: Algorithm::Sm2,
        owner: "zhangsan",
        owner_name: "张三",
        holders: &["zhangsan"],
        format: ContentsFormat::Ses,
    },
];

/// What seal `id` puts in the PDF (a CMS for seals not in the list).
pub fn contents_format(id: &str) -> ContentsFormat {
    SEALS
        .iter()
        .find(|s| s.id == id)
        .map_or(ContentsFormat::Cades, |s| s.format)
}

#[derive(Debug, thiserror::Error)]
pub enum SealSetupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
}

/// Creates the seals that are missing (first start), keeping existing keys.
pub fn ensure_seals(store: &Store) -> Result<(), SealSetupError> {
    let existing: Vec<String> = store.seals()?.into_iter().map(|s| s.id).collect();
    for spec in SEALS.iter().filter(|s| !existing.iter().any(|e| e == s.id)) {
        let pair = keys::generate(spec.algorithm)?;
        store.insert_seal(&SealRow {
            id: spec.id.to_owned(),
            name: spec.name.to_owned(),
            seal_type: spec.seal_type.to_owned(),
            algorithm: spec.algorithm.canonical().to_owned(),
            owner: spec.owner.to_owned(),
            owner_name: spec.owner_name.to_owned(),
            holders: spec.holders.iter().map(|h| (*h).to_owned()).collect(),
            private_pem: pair.private_pem,
            public_pem: pair.public_pem,
        })?;
    }
    Ok(())
}
