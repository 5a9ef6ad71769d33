"""The LTV fixtures' PKI, made with `cryptography`. Names, serials and
dates are fixed; keys are fresh on every run.

    Fixture LTV Root (ECDSA P-256, self-signed)
    ├── Fixture LTV Intermediate (P-256, CA, pathlen 0; CRL DP root.crl)
    │   ├── Fixture LTV Signer                      (P-256; AIA OCSP, CRL DP intermediate.crl)
    │   ├── Fixture LTV Revoked-After Signer        (the same profile)
    │   ├── Fixture LTV Revoked-Before Signer       (the same profile)
    │   ├── Fixture LTV OCSP Responder              (P-256; EKU id-kp-OCSPSigning, id-pkix-ocsp-nocheck)
    │   └── Fixture LTV Responder Without OCSPSigning (P-256; as the responder, no EKU)
    └── Fixture LTV Time Stamping Authority (RSA 2048: pyHanko's dummy TSA
        signs RSA only; EKU timeStamping, critical; CRL DP root.crl)

URLs are on http://127.0.0.1:9/ (the discard port): never fetched."""

from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

from . import times
from .pades import ORG, Identity

BASE_URL = "http://127.0.0.1:9"
OCSP_URL = f"{BASE_URL}/ocsp"
ROOT_CRL_URL = f"{BASE_URL}/root.crl"
INTERMEDIATE_CRL_URL = f"{BASE_URL}/intermediate.crl"


@dataclass
class Profile:
    ca: bool = False
    path_len: int | None = None
    signer: bool = False  # digitalSignature + nonRepudiation
    eku: tuple = ()
    eku_critical: bool = False
    ocsp_nocheck: bool = False
    ocsp_url: str | None = None
    crl_url: str | None = None


def name(cn: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _key_usage(profile: Profile) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not profile.ca,
        content_commitment=profile.signer,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=profile.ca,
        crl_sign=profile.ca,
        encipher_only=False,
        decipher_only=False,
    )


def issue(cn: str, key, issuer: Identity | None, serial: int, profile: Profile) -> Identity:
    issuer_name = issuer.cert.subject if issuer else name(cn)
    issuer_key = issuer.key if issuer else key
    b = (
        x509.CertificateBuilder()
        .subject_name(name(cn))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(times.NOT_BEFORE)
        .not_valid_after(times.NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=profile.ca, path_length=profile.path_len), critical=True)
        .add_extension(_key_usage(profile), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    )
    if profile.eku:
        b = b.add_extension(x509.ExtendedKeyUsage(list(profile.eku)), critical=profile.eku_critical)
    if profile.ocsp_nocheck:
        b = b.add_extension(x509.OCSPNoCheck(), critical=False)
    if profile.ocsp_url:
        b = b.add_extension(
            x509.AuthorityInformationAccess([
                x509.AccessDescription(AuthorityInformationAccessOID.OCSP,
                                       x509.UniformResourceIdentifier(profile.ocsp_url))
            ]),
            critical=False,
        )
    if profile.crl_url:
        b = b.add_extension(
            x509.CRLDistributionPoints([
                x509.DistributionPoint([x509.UniformResourceIdentifier(profile.crl_url)], None, None, None)
            ]),
            critical=False,
        )
    cert = b.sign(issuer_key, hashes.SHA256())
    chain = [] if issuer is None or issuer.cert.issuer == issuer.cert.subject else [issuer.cert_der, *issuer.chain]
    return Identity(cn, cert, key, cert.public_bytes(serialization.Encoding.DER), chain=chain)


def _p256():
    return ec.generate_private_key(ec.SECP256R1())


class Pki:
    def __init__(self):
        signer = Profile(signer=True, ocsp_url=OCSP_URL, crl_url=INTERMEDIATE_CRL_URL)
        responder = Profile(eku=(ExtendedKeyUsageOID.OCSP_SIGNING,), ocsp_nocheck=True)
        self.root = issue("Fixture LTV Root", _p256(), None, 0x3001, Profile(ca=True))
        self.intermediate = issue("Fixture LTV Intermediate", _p256(), self.root, 0x3002,
                                  Profile(ca=True, path_len=0, crl_url=ROOT_CRL_URL))
        self.responder = issue("Fixture LTV OCSP Responder", _p256(), self.intermediate, 0x3003, responder)
        self.rogue_responder = issue("Fixture LTV Responder Without OCSPSigning", _p256(), self.intermediate,
                                     0x3004, Profile(ocsp_nocheck=True))
        self.signer = issue("Fixture LTV Signer", _p256(), self.intermediate, 0x3005, signer)
        self.revoked_after = issue("Fixture LTV Revoked-After Signer", _p256(), self.intermediate, 0x3006, signer)
        self.revoked_before = issue("Fixture LTV Revoked-Before Signer", _p256(), self.intermediate, 0x3007,
                                    signer)
        self.tsa = issue(
            "Fixture LTV Time Stamping Authority",
            rsa.generate_private_key(public_exponent=65537, key_size=2048),
            self.root,
            0x3008,
            Profile(eku=(ExtendedKeyUsageOID.TIME_STAMPING,), eku_critical=True, crl_url=ROOT_CRL_URL),
        )

    def roots_pem(self) -> str:
        """roots.pem: the one root a verifier is told to trust (it issues
        the signers' chain and the TSA)."""
        return f"# {self.root.name}\n{self.root.pem}"

    def issued_by_root(self) -> list:
        return [self.intermediate, self.tsa]

    def issued_by_intermediate(self) -> list:
        return [self.responder, self.rogue_responder, self.signer, self.revoked_after, self.revoked_before]
