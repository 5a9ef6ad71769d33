//! What the revocation data says of a signature's chain (§6c), in a line.

use infoplus_signature_core::verdict_pdf::{RevocationStatus, SignatureCheck};

pub fn line(check: &SignatureCheck) -> String {
    let Some(report) = &check.revocation else {
        return "not checked: no OCSP response or CRL for the chain".to_owned();
    };
    let from = format!(
        "{} data of {}",
        report.source.code(),
        report.produced_at.as_deref().unwrap_or("?")
    );
    match report.status {
        RevocationStatus::Good => format!("good ({from})"),
        RevocationStatus::Revoked => format!(
            "REVOKED on {}{} ({from})",
            report.revoked_at.as_deref().unwrap_or("?"),
            report
                .reason
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default()
        ),
        RevocationStatus::Unknown => {
            format!("unknown: the data covers only part of the chain ({from})")
        }
    }
}
