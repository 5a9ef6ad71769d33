"""OpenSSL's opinion of every OCSP response and CRL a fixture embeds.

- OCSP: `openssl ocsp -respin R.der -issuer ISSUER.pem -cert CERT.pem
  -CAfile roots.pem -verify_other ISSUER.pem -no_nonce -attime T
  -validity_period 100000000`: the response's signature, the responder's
  chain to roots.pem (at T) and its authorisation (a delegated responder
  needs id-kp-OCSPSigning and the same issuer), then the status of CERT
  (good / revoked, Reason, Revocation Time). The CERT is the one the
  response's CertID names (by serial, among the file's certificates).
  OpenSSL judges thisUpdate/nextUpdate by the wall clock, not -attime, so
  -validity_period is made huge; pyHanko checks the window at the signing
  time.
- CRL: the issuer's chain by `openssl verify -attime T -CAfile roots.pem`
  (when the issuer is not a root itself), then `openssl crl -inform DER
  -CAfile roots+issuer -noout` ("verify OK"), and `openssl crl -text` for
  lastUpdate and the entries (serial, date, reason)."""

import datetime as dt
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import pem

from .read import find_issuer

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
# OpenSSL's reason strings, RFC 5280 / expected.json names.
_REASONS = {"keyCompromise": "keyCompromise", "Key Compromise": "keyCompromise",
            "superseded": "superseded", "Superseded": "superseded",
            "cessationOfOperation": "cessationOfOperation", "Cessation Of Operation": "cessationOfOperation",
            "unspecified": "unspecified", "Unspecified": "unspecified"}


def _openssl(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True, check=False)


def _date(text: str) -> dt.datetime:
    """OpenSSL's 'Feb  1 00:00:00 2026 GMT'."""
    month, day, clock, year = text.split()[:4]
    h, m, s = map(int, clock.split(":"))
    return dt.datetime(int(year), _MONTHS.index(month) + 1, int(day), h, m, s, tzinfo=dt.timezone.utc)


@dataclass
class OcspFinding:
    serial: int
    verified: bool
    status: str | None = None  # good / revoked / unknown
    revoked_at: dt.datetime | None = None
    reason: str | None = None
    error: str = ""


@dataclass
class CrlFinding:
    issuer: object  # asn1crypto Name
    verified: bool
    this_update: dt.datetime | None = None
    entries: dict = field(default_factory=dict)  # serial -> (datetime, reason)
    error: str = ""


class OpenSsl:
    def __init__(self, roots_pem: Path, roots: list, attime: dt.datetime):
        self.roots_pem = roots_pem
        self.roots = roots
        self.attime = str(int(attime.timestamp()))
        self.dir = Path(tempfile.mkdtemp(prefix="ltv-crosscheck-"))
        self._n = 0

    def _write(self, der: bytes, kind: str = "CERTIFICATE") -> str:
        self._n += 1
        path = self.dir / f"{self._n}.pem"
        path.write_bytes(pem.armor(kind, der))
        return path.name

    def _write_der(self, der: bytes) -> str:
        self._n += 1
        path = self.dir / f"{self._n}.der"
        path.write_bytes(der)
        return path.name

    def ocsp(self, resp, certs: list) -> OcspFinding:
        single = resp["response_bytes"]["response"].parsed["tbs_response_data"]["responses"][0]
        serial = single["cert_id"]["serial_number"].native
        cert = next((c for c in certs if c.serial_number == serial), None)
        issuer = find_issuer(cert, certs + self.roots) if cert is not None else None
        if cert is None or issuer is None:
            return OcspFinding(serial, False, error="certificate or issuer not in the file")
        c, i, r = self._write(cert.dump()), self._write(issuer.dump()), self._write_der(resp.dump())
        done = _openssl("ocsp", "-respin", r, "-issuer", i, "-cert", c, "-CAfile", str(self.roots_pem),
                        "-verify_other", i, "-no_nonce", "-attime", self.attime,
                        "-validity_period", "100000000", cwd=self.dir)
        verified = done.returncode == 0 and "Response verify OK" in done.stderr + done.stdout
        finding = OcspFinding(serial, verified, error="" if verified else _first_error(done))
        m = re.search(rf"{re.escape(c)}: (\w+)", done.stdout)
        if m:
            finding.status = m.group(1)
        m = re.search(r"Reason: (.+)", done.stdout)
        if m:
            finding.reason = _REASONS.get(m.group(1).strip(), m.group(1).strip())
        m = re.search(r"Revocation Time: (.+)", done.stdout)
        if m:
            finding.revoked_at = _date(m.group(1))
        return finding

    def crl(self, crl, certs: list) -> CrlFinding:
        issuer_name = crl["tbs_cert_list"]["issuer"]
        finding = CrlFinding(issuer_name, False)
        issuer = next((c for c in self.roots + certs if c.subject == issuer_name), None)
        if issuer is None:
            finding.error = "issuer not found"
            return finding
        cafile = self.roots_pem.read_text()
        if all(issuer.dump() != root.dump() for root in self.roots):
            i = self._write(issuer.dump())
            untrusted = [c for c in certs if c.dump() != issuer.dump()]
            args = ["verify", "-attime", self.attime, "-CAfile", str(self.roots_pem)]
            if untrusted:
                bundle = self.dir / f"untrusted{self._n}.pem"
                bundle.write_bytes(b"".join(pem.armor("CERTIFICATE", c.dump()) for c in untrusted))
                args += ["-untrusted", bundle.name]
            done = _openssl(*args, i, cwd=self.dir)
            if done.returncode != 0:
                finding.error = "issuer chain: " + _first_error(done)
                return finding
            cafile += (self.dir / i).read_text()
        ca = self.dir / f"ca{self._n}.pem"
        ca.write_text(cafile)
        der = self._write_der(crl.dump())
        done = _openssl("crl", "-inform", "DER", "-in", der, "-CAfile", ca.name, "-noout", cwd=self.dir)
        finding.verified = done.returncode == 0 and "verify OK" in done.stderr + done.stdout
        if not finding.verified:
            finding.error = _first_error(done)
        text = _openssl("crl", "-inform", "DER", "-in", der, "-text", "-noout", cwd=self.dir).stdout
        m = re.search(r"Last Update: (.+)", text)
        finding.this_update = _date(m.group(1)) if m else None
        for m in re.finditer(r"Serial Number: (\w+)\s+Revocation Date: (.+?)\n(?:\s+CRL entry extensions:\s+"
                             r"X509v3 CRL Reason Code:\s*\n\s+(.+?)\n)?", text):
            reason = m.group(3).strip() if m.group(3) else None
            finding.entries[int(m.group(1), 16)] = (_date(m.group(2)), _REASONS.get(reason, reason))
        return finding


def _first_error(done: subprocess.CompletedProcess) -> str:
    """OpenSSL's reason strings ('signature failure', 'missing ocspsigning
    usage', …), else its first failure line."""
    text = done.stderr + done.stdout
    reasons = list(dict.fromkeys(re.findall(r"error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):", text)))
    if reasons:
        return ", ".join(reasons)
    for line in text.splitlines():
        if "Failure" in line or "failure" in line:
            return line.strip()
    return f"exit {done.returncode}"


def rfc3339(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def revocation(fx, ossl: OpenSsl) -> dict | None:
    """expected.json's `revocation`, from OpenSSL alone: the first source
    (cms, vri, dss) holding an OCSP response about the signer that OpenSSL
    verifies, or else a CRL from the signer's issuer that it verifies,
    gives the status (a CRL: listed = revoked, not listed = good); data
    that verifies but answers only for the chain above the signer is
    `unknown`."""
    signer = fx.emb.signer_cert
    for source in fx.sources:
        for resp in source.ocsps:
            found = ossl.ocsp(resp, fx.certs)
            if found.serial == signer.serial_number and found.verified:
                return {"status": found.status, "source": source.source, "revokedAt": rfc3339(found.revoked_at),
                        "reason": found.reason}
        for crl in source.crls:
            found = ossl.crl(crl, fx.certs)
            if found.issuer == signer.issuer and found.verified:
                entry = found.entries.get(signer.serial_number)
                return {"status": "revoked" if entry else "good", "source": source.source,
                        "revokedAt": rfc3339(entry[0]) if entry else None, "reason": entry[1] if entry else None}
    # Nothing answers for the signer, but verified data answers for part of
    # its chain (the root's CRL on the intermediate): `unknown`.
    for source in fx.sources:
        if any(ossl.crl(crl, fx.certs).verified for crl in source.crls):
            return {"status": "unknown", "source": source.source, "revokedAt": None, "reason": None}
    return None
