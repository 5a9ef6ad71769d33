//! An electronic seal (GB/T 38540, §6d) in words: what the seal card under
//! a PDF signature says.

use super::Lang;

impl Lang {
    /// "合同专用章（公章）" / "Contract seal (official seal)".
    pub fn seal_name(self, name: &str, kind: u32) -> String {
        let kind = match kind {
            1 => self.pick("单位印章", "official seal"),
            2 => self.pick("个人印章", "personal seal"),
            _ => self.pick("电子印章", "electronic seal"),
        };
        self.pick_owned(
            format!("电子印章：{name}（{kind}）"),
            format!("Electronic seal: {name} ({kind})"),
        )
    }

    pub fn seal_maker(self, maker: &str, trusted: bool) -> String {
        match trusted {
            true => self.pick_owned(
                format!("制章者：{maker}（受信任）"),
                format!("Made by {maker} (trusted)"),
            ),
            false => self.pick_owned(
                format!("制章者：{maker}（无法确认）"),
                format!("Made by {maker} (not confirmed)"),
            ),
        }
    }

    pub fn seal_validity(self, from: &str, to: &str, at_signing: bool) -> String {
        match at_signing {
            true => self.pick_owned(
                format!("印章有效期 {from} 至 {to}，盖章时有效"),
                format!("Seal valid from {from} to {to}; valid when used"),
            ),
            false => self.pick_owned(
                format!("印章有效期 {from} 至 {to}，盖章时不在有效期内"),
                format!("Seal valid from {from} to {to}; NOT valid when used"),
            ),
        }
    }

    pub fn seal_checks(self, intact: bool, signer_allowed: bool) -> String {
        let seal = match intact {
            true => self.pick("印章未被修改", "the seal is unchanged"),
            false => self.pick("印章被修改或伪造", "the seal was changed or forged"),
        };
        let signer = match signer_allowed {
            true => self.pick("签章人有权使用此印章", "the signer may use it"),
            false => self.pick("签章人无权使用此印章", "the signer may NOT use it"),
        };
        self.pick_owned(format!("{seal}；{signer}"), {
            let mut en = format!("{seal}; {signer}");
            if let Some(first) = en.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            en
        })
    }

    pub fn seal_standard(self, version: u8, id: &str) -> String {
        let standard = if version == 1 {
            "GM/T 0031-2014"
        } else {
            "GB/T 38540-2020"
        };
        self.pick_owned(
            format!("印章编码 {id}（{standard}）"),
            format!("Seal code {id} ({standard})"),
        )
    }

    pub fn seal_picture_alt(self, name: &str) -> String {
        self.pick_owned(
            format!("电子印章「{name}」的印模"),
            format!("The picture of the seal “{name}”"),
        )
    }
}
