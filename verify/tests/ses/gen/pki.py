"""The seal fixtures' PKI. SM2 (signer, seal maker, untrusted maker) made by
OpenSSL 3: keys by `openssl genpkey` (curve SM2), requests signed SM2 with
SM3 and the GM/T 0009 id, certificates issued by `openssl ca` for fixed
dates. The TSA is RSA 2048, made with `cryptography`: it is pyHanko's
in-process TSA that signs the timestamp token, and it signs RSA only.

Keys are new on every run; names, serials and dates are fixed."""

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .pades import SM2_ID, Identity, der_to_pem, openssl

ORG = "InfoPlus Fixtures"
UTC = dt.timezone.utc
# Every certificate is valid from 2024-01-01: before the expired seal was
# made (2025-01-01) and long after the sealing time (2026-03-01).
CA_FROM, CA_UNTIL = "20240101000000Z", "20440101000000Z"
LEAF_FROM, LEAF_UNTIL = "20240101000000Z", "20340101000000Z"

_CA_CONFIG = """
[ca]
default_ca = fixture
[fixture]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sm3
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[root_ext]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[leaf_ext]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class Sm2Ca:
    """A self-signed SM2 root in its own `openssl ca` directory."""

    def __init__(self, workdir: Path, tag: str, cn: str, first_serial: int):
        self.dir = Path(tempfile.mkdtemp(prefix=f"{tag}-", dir=workdir))
        (self.dir / "ca.cnf").write_text(_CA_CONFIG)
        (self.dir / "index.txt").write_text("")
        (self.dir / "serial").write_text(f"{first_serial:04X}\n")
        self._request("root", cn)
        self._ca("-selfsign", "-keyfile", "root.key", "-in", "root.csr", "-out", "root.pem",
                 "-startdate", CA_FROM, "-enddate", CA_UNTIL, "-extensions", "root_ext")
        self.root = self._identity("root", cn)

    def issue(self, tag: str, cn: str) -> Identity:
        """A leaf (digitalSignature, nonRepudiation) issued by this root."""
        self._request(tag, cn)
        self._ca("-cert", "root.pem", "-keyfile", "root.key", "-in", f"{tag}.csr", "-out", f"{tag}.pem",
                 "-startdate", LEAF_FROM, "-enddate", LEAF_UNTIL, "-extensions", "leaf_ext")
        openssl("verify", "-vfyopt", f"distid:{SM2_ID}", "-CAfile", "root.pem", f"{tag}.pem", cwd=self.dir)
        return self._identity(tag, cn)

    def _request(self, tag: str, cn: str) -> None:
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                "-pkeyopt", "ec_param_enc:named_curve", "-out", f"{tag}.key", cwd=self.dir)
        openssl("req", "-new", "-key", f"{tag}.key", "-sm3", "-sigopt", f"distid:{SM2_ID}",
                "-utf8", "-subj", f"/C=CN/O={ORG}/CN={cn}", "-out", f"{tag}.csr", cwd=self.dir)

    def _ca(self, *args: str) -> None:
        openssl("ca", "-batch", "-config", "ca.cnf", "-preserveDN", "-notext",
                "-sigopt", f"distid:{SM2_ID}", "-vfyopt", f"distid:{SM2_ID}", *args, cwd=self.dir)

    def _identity(self, tag: str, cn: str) -> Identity:
        der = openssl("x509", "-in", f"{tag}.pem", "-outform", "DER", cwd=self.dir)
        key = self.dir / f"{tag}.key"
        who = Identity(cn, None, None, der, key_pem=key.read_bytes())
        who.key = key  # a path: OpenSSL signs with it
        return who


def _tsa_cert(cn: str, key, issuer_cn: str, issuer_key, serial: int, *, ca: bool) -> Identity:
    name = lambda common: x509.Name([  # noqa: E731
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
        x509.NameAttribute(NameOID.COMMON_NAME, common),
    ])
    b = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(name(issuer_cn))
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(dt.datetime(2024, 1, 1, tzinfo=UTC))
        .not_valid_after(dt.datetime(2044 if ca else 2034, 1, 1, tzinfo=UTC))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.KeyUsage(
            digital_signature=not ca, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
            encipher_only=False, decipher_only=False), critical=True)
    )
    if not ca:
        b = b.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                            critical=False)
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    cert = b.sign(issuer_key, hashes.SHA256())
    return Identity(cn, cert, key, cert.public_bytes(serialization.Encoding.DER))


def _rsa():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class SesPki:
    signer_root: Identity
    signer: Identity
    other_signer: Identity  # named by the seal of the signer-not-allowed fixture
    maker_root: Identity
    maker: Identity
    untrusted_root: Identity
    untrusted_maker: Identity
    tsa_root: Identity
    tsa: Identity

    def trusted_roots_pem(self) -> str:
        """roots.pem: the signer root, the seal-maker root and the TSA root
        (not the untrusted maker's root)."""
        roots = [self.signer_root, self.maker_root, self.tsa_root]
        return "".join(f"# {r.name}\n{der_to_pem(r.cert_der)}" for r in roots)


def make_pki(workdir: Path) -> SesPki:
    signer_ca = Sm2Ca(workdir, "signer", "Fixture SES Signer Root", 0x1001)
    maker_ca = Sm2Ca(workdir, "maker", "Fixture SES Seal Maker Root", 0x2001)
    untrusted_ca = Sm2Ca(workdir, "untrusted", "Fixture SES Untrusted Maker Root", 0x3001)
    tsa_root_key = _rsa()
    tsa_root = _tsa_cert("Fixture SES TSA Root", tsa_root_key, "Fixture SES TSA Root", tsa_root_key, 0x4001, ca=True)
    tsa = _tsa_cert("Fixture SES Time Stamping Authority", _rsa(), tsa_root.name, tsa_root_key, 0x4002, ca=False)
    return SesPki(
        signer_root=signer_ca.root,
        signer=signer_ca.issue("signer", "Fixture SES Signer"),
        other_signer=signer_ca.issue("other", "Fixture SES Other Signer"),
        maker_root=maker_ca.root,
        maker=maker_ca.issue("maker", "Fixture SES Seal Maker"),
        untrusted_root=untrusted_ca.root,
        untrusted_maker=untrusted_ca.issue("maker", "Fixture SES Untrusted Seal Maker"),
        tsa_root=tsa_root,
        tsa=tsa,
    )
