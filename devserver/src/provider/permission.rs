//! Which of the provider's seals a user may put on a given seal slot:
//! `permission.signers` (accounts), `.sealTypes` and `.sealIds`; an empty or
//! missing list does not restrict.

use infoplus_signature_core::Seal;

use crate::seals::User;
use crate::store::SealRow;

/// The seals `user` may use for `slot`, or why there are none (shown as is).
pub fn usable_seals<'a>(
    user: User,
    slot: &Seal,
    catalog: &'a [SealRow],
) -> Result<Vec<&'a SealRow>, String> {
    let permission = slot.permission.clone().unwrap_or_default();
    let signers = permission.signers.unwrap_or_default();
    if !signers.is_empty() && !signers.iter().any(|s| s == user.account) {
        return Err(format!(
            "{} may not stamp this seal: only {} may",
            user.name,
            signers.join(", ")
        ));
    }
    let types = permission.seal_types.unwrap_or_default();
    let ids = permission.seal_ids.unwrap_or_default();
    let held: Vec<&SealRow> = catalog
        .iter()
        .filter(|s| s.holders.iter().any(|h| h == user.account))
        .collect();
    let usable: Vec<&SealRow> = held
        .iter()
        .copied()
        .filter(|s| types.is_empty() || types.contains(&s.seal_type))
        .filter(|s| ids.is_empty() || ids.contains(&s.id))
        .collect();
    if usable.is_empty() {
        let mut wanted = Vec::new();
        if !types.is_empty() {
            wanted.push(format!("seal type {}", types.join(" or ")));
        }
        if !ids.is_empty() {
            wanted.push(format!("seal id {}", ids.join(" or ")));
        }
        return Err(format!(
            "{} may not stamp this seal: none of their seals has {}",
            user.name,
            if wanted.is_empty() {
                "been issued".to_owned()
            } else {
                wanted.join(" and ")
            }
        ));
    }
    Ok(usable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seals::user;

    fn row(id: &str, seal_type: &str, holders: &[&str]) -> SealRow {
        SealRow {
            id: id.into(),
            name: id.into(),
            seal_type: seal_type.into(),
            algorithm: "SM2withSM3".into(),
            owner: "x".into(),
            owner_name: "x".into(),
            holders: holders.iter().map(|h| (*h).to_owned()).collect(),
            private_pem: String::new(),
            public_pem: String::new(),
        }
    }

    fn slot(json: &str) -> Seal {
        let signature = format!(r#"{{"seals":[{json}]}}"#);
        infoplus_signature_core::signature_from_str(&signature)
            .unwrap()
            .seals
            .remove(0)
    }

    #[test]
    fn filters() {
        let catalog = [
            row("p-lisi", "personal", &["lisi"]),
            row("office", "official", &["lisi", "wangwu"]),
            row("p-zhang", "personal", &["zhangsan"]),
        ];
        let lisi = user("lisi").unwrap();
        let ids = |r: Vec<&SealRow>| r.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(usable_seals(lisi, &slot("{}"), &catalog).unwrap()),
            ["p-lisi", "office"]
        );
        let official =
            slot(r#"{"permission":{"sealTypes":["official"],"signers":["wangwu","lisi"]}}"#);
        assert_eq!(
            ids(usable_seals(lisi, &official, &catalog).unwrap()),
            ["office"]
        );
        let by_id = slot(r#"{"permission":{"sealIds":["p-lisi"]}}"#);
        assert_eq!(
            ids(usable_seals(lisi, &by_id, &catalog).unwrap()),
            ["p-lisi"]
        );
        let zhang = user("zhangsan").unwrap();
        let err = usable_seals(zhang, &official, &catalog).unwrap_err();
        assert!(err.starts_with("张三 may not stamp this seal"), "{err}");
        let err = usable_seals(
            zhang,
            &slot(r#"{"permission":{"sealTypes":["official"]}}"#),
            &catalog,
        )
        .unwrap_err();
        assert!(err.contains("seal type official"), "{err}");
    }
}
