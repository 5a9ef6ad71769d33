"""The fixtures' small PKI: roots, an intermediate and leaves made with
`cryptography`, and an SM2 root and leaf made with OpenSSL 3 (cryptography
does not do SM2). Keys are fresh on every run; validity dates are fixed so
that every verdict holds at the fixed signing time (clock.SIGNED)."""

import base64
import datetime as dt
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SM2_ID = "1234567812345678"
_KEY_DIR: list = [None]  # where key_file() writes: Pki's work directory
ORG = "InfoPlus Fixtures"

UTC = dt.timezone.utc
# Long-lived CAs and leaves: valid at the signing time and for years after.
CA_FROM = dt.datetime(2026, 1, 1, tzinfo=UTC)
CA_UNTIL = dt.datetime(2046, 1, 1, tzinfo=UTC)
LEAF_UNTIL = dt.datetime(2036, 1, 1, tzinfo=UTC)
# The expired leaf: its notAfter is before the signing time (2026-06-01).
EXPIRED_FROM = dt.datetime(2025, 1, 1, tzinfo=UTC)
EXPIRED_UNTIL = dt.datetime(2026, 3, 1, tzinfo=UTC)


@dataclass
class Identity:
    """A certificate with its key, and the chain above it (no root)."""

    name: str
    cert: x509.Certificate | None  # None for OpenSSL-made (SM2) ones
    key: object | None
    cert_der: bytes
    key_pem: bytes = b""
    chain: list = field(default_factory=list)  # DER of intermediates
    _key_path: Path | None = field(default=None, repr=False)

    @property
    def asn1_cert(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert_der)

    def key_file(self) -> Path:
        """The private key as a PKCS#8 PEM file, for OpenSSL to sign with
        (written once, next to the other temporary files)."""
        if isinstance(self.key, Path):
            return self.key
        if self._key_path is None:
            fd, name = tempfile.mkstemp(suffix=".key.pem", dir=_KEY_DIR[0])
            with open(fd, "wb") as out:
                out.write(
                    self.key.private_bytes(
                        serialization.Encoding.PEM,
                        serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption(),
                    )
                )
            self._key_path = Path(name)
        return self._key_path

    def public_key_pem(self) -> bytes:
        """The SubjectPublicKeyInfo as PEM (OpenSSL reads it from the key)."""
        return openssl("pkey", "-in", str(self.key_file()), "-pubout")

    @property
    def asn1_key(self) -> asn1_keys.PrivateKeyInfo:
        der = self.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return asn1_keys.PrivateKeyInfo.load(der)

    @property
    def pem(self) -> str:
        return der_to_pem(self.cert_der)


def der_to_pem(der: bytes) -> str:
    # By hand: cryptography does not load SM2 certificates.
    b64 = base64.b64encode(der).decode()
    lines = "\n".join(b64[i : i + 64] for i in range(0, len(b64), 64))
    return f"-----BEGIN CERTIFICATE-----\n{lines}\n-----END CERTIFICATE-----\n"


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _hash_for(issuer_key) -> hashes.HashAlgorithm | None:
    if isinstance(issuer_key, (ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey)):
        return None
    if isinstance(issuer_key, ec.EllipticCurvePrivateKey) and issuer_key.curve.key_size > 256:
        return hashes.SHA384()
    return hashes.SHA256()


def _issue(
    cn: str,
    key,
    issuer: "Identity | None",
    *,
    ca: bool,
    path_len: int | None = None,
    not_before=CA_FROM,
    not_after=LEAF_UNTIL,
    time_stamping: bool = False,
    serial: int,
) -> Identity:
    subject = _name(cn)
    issuer_name = issuer.cert.subject if issuer else subject
    issuer_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=path_len), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()),
            critical=False,
        )
    if ca:
        usage = dict(key_cert_sign=True, crl_sign=True, digital_signature=False, content_commitment=False)
    else:
        usage = dict(key_cert_sign=False, crl_sign=False, digital_signature=True, content_commitment=not time_stamping)
    builder = builder.add_extension(
        x509.KeyUsage(
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            encipher_only=False,
            decipher_only=False,
            **usage,
        ),
        critical=True,
    )
    if time_stamping:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    cert = builder.sign(issuer_key, _hash_for(issuer_key))
    chain = []
    if issuer and issuer.cert.issuer != issuer.cert.subject:
        chain = [issuer.cert_der] + issuer.chain
    return Identity(cn, cert, key, cert.public_bytes(serialization.Encoding.DER), chain=chain)


def _rsa():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Pki:
    """Every certificate the fixtures use."""

    def __init__(self, workdir: Path):
        _KEY_DIR[0] = workdir
        serial = iter(range(0x1001, 0x2000))
        s = lambda: next(serial)  # noqa: E731 - fixed, readable serials
        self.rsa_root = _issue("Fixture RSA Root", _rsa(), None, ca=True, not_after=CA_UNTIL, serial=s())
        self.rsa_ca = _issue(
            "Fixture RSA Intermediate", _rsa(), self.rsa_root, ca=True, path_len=0, not_after=CA_UNTIL, serial=s()
        )
        self.rsa_leaf = _issue("Fixture RSA Signer", _rsa(), self.rsa_ca, ca=False, serial=s())
        self.expired_leaf = _issue(
            "Fixture Expired Signer",
            _rsa(),
            self.rsa_ca,
            ca=False,
            not_before=EXPIRED_FROM,
            not_after=EXPIRED_UNTIL,
            serial=s(),
        )
        self.ec_root = _issue(
            "Fixture ECDSA Root", ec.generate_private_key(ec.SECP256R1()), None, ca=True, not_after=CA_UNTIL,
            serial=s(),
        )
        self.p256_leaf = _issue(
            "Fixture P-256 Signer", ec.generate_private_key(ec.SECP256R1()), self.ec_root, ca=False, serial=s()
        )
        self.p384_leaf = _issue(
            "Fixture P-384 Signer", ec.generate_private_key(ec.SECP384R1()), self.ec_root, ca=False, serial=s()
        )
        self.ed25519_leaf = _issue(
            "Fixture Ed25519 Signer", ed25519.Ed25519PrivateKey.generate(), self.ec_root, ca=False, serial=s()
        )
        self.self_signed = _issue("Fixture Self-Signed Signer", _rsa(), None, ca=False, serial=s())
        self.untrusted_root = _issue(
            "Fixture Untrusted Root", _rsa(), None, ca=True, not_after=CA_UNTIL, serial=s()
        )
        self.untrusted_leaf = _issue("Fixture Untrusted Signer", _rsa(), self.untrusted_root, ca=False, serial=s())
        # The untrusted root travels in the CMS: a complete chain, just not
        # to a configured root.
        self.untrusted_leaf.chain = [self.untrusted_root.cert_der]
        self.tsa_root = _issue("Fixture TSA Root", _rsa(), None, ca=True, not_after=CA_UNTIL, serial=s())
        self.tsa = _issue(
            "Fixture Time Stamping Authority", _rsa(), self.tsa_root, ca=False, time_stamping=True, serial=s()
        )
        self.sm2_root, self.sm2_leaf = _sm2_pair(workdir)
        # §6b's further curves, all under the ECDSA root (serials after the
        # SM2 pair's keep the older ones unchanged).
        ec_leaf = lambda cn, key: _issue(cn, key, self.ec_root, ca=False, serial=s())  # noqa: E731
        self.p521_leaf = ec_leaf("Fixture P-521 Signer", ec.generate_private_key(ec.SECP521R1()))
        self.bp256_leaf = ec_leaf("Fixture brainpoolP256r1 Signer", ec.generate_private_key(ec.BrainpoolP256R1()))
        self.bp384_leaf = ec_leaf("Fixture brainpoolP384r1 Signer", ec.generate_private_key(ec.BrainpoolP384R1()))
        self.bp512_leaf = ec_leaf("Fixture brainpoolP512r1 Signer", ec.generate_private_key(ec.BrainpoolP512R1()))
        self.ed448_leaf = ec_leaf("Fixture Ed448 Signer", ed448.Ed448PrivateKey.generate())

    def trusted_roots_pem(self) -> str:
        """roots.pem: what the verifier is told to trust. Not the untrusted
        root, not the self-signed leaf."""
        roots = [self.rsa_root, self.ec_root, self.sm2_root, self.tsa_root]
        return "".join(f"# {r.name}\n{r.pem}" for r in roots)


# openssl ca: the only OpenSSL 3.0 command that issues with fixed dates
# (-startdate/-enddate) and takes -sigopt distid for SM2.
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


def openssl(*args, cwd=None, data: bytes | None = None) -> bytes:
    done = subprocess.run(["openssl", *args], cwd=cwd, input=data, capture_output=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(args)}: {done.stderr.decode(errors='replace')}")
    return done.stdout


def openssl_verify_status(*args) -> str:
    """`openssl verify` over `args`, its answer in the words of the
    report's identity status."""
    try:
        openssl("verify", *args)
        return "trusted"
    except RuntimeError as e:
        text = str(e)
        if "expired" in text:
            return "expired"
        if "not yet valid" in text:
            return "not-yet-valid"
        if "self-signed" in text or "self signed" in text:
            return "self-signed"
        if "unable to get local issuer" in text:
            return "unknown-issuer"
        return "chain-invalid"


def _sm2_pair(workdir: Path) -> tuple[Identity, Identity]:
    """An SM2 root and leaf, signed SM2withSM3 with the GM/T 0009 id."""
    d = Path(tempfile.mkdtemp(dir=workdir))
    (d / "ca.cnf").write_text(_CA_CONFIG)
    (d / "index.txt").write_text("")
    (d / "serial").write_text("2001\n")
    distid = f"distid:{SM2_ID}"
    for who, cn in (("root", "Fixture SM2 Root"), ("leaf", "Fixture SM2 Signer")):
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2",
                "-pkeyopt", "ec_param_enc:named_curve", "-out", f"{who}.key", cwd=d)
        openssl("req", "-new", "-key", f"{who}.key", "-sm3", "-sigopt", distid,
                "-subj", f"/C=CN/O={ORG}/CN={cn}", "-out", f"{who}.csr", cwd=d)
    common = ["ca", "-batch", "-config", "ca.cnf", "-preserveDN", "-notext",
              "-sigopt", distid, "-vfyopt", distid]
    openssl(*common, "-selfsign", "-keyfile", "root.key", "-in", "root.csr", "-out", "root.pem",
            "-startdate", "20260101000000Z", "-enddate", "20460101000000Z", "-extensions", "root_ext", cwd=d)
    openssl(*common, "-cert", "root.pem", "-keyfile", "root.key", "-in", "leaf.csr", "-out", "leaf.pem",
            "-startdate", "20260101000000Z", "-enddate", "20360101000000Z", "-extensions", "leaf_ext", cwd=d)
    openssl("verify", "-vfyopt", distid, "-CAfile", "root.pem", "leaf.pem", cwd=d)

    def load(who, cn):
        der = openssl("x509", "-in", f"{who}.pem", "-outform", "DER", cwd=d)
        return Identity(cn, None, None, der, key_pem=(d / f"{who}.key").read_bytes())

    root, leaf = load("root", "Fixture SM2 Root"), load("leaf", "Fixture SM2 Signer")
    leaf.key = d / "leaf.key"  # a path: OpenSSL signs with it
    return root, leaf
