"""SM2 signatures for the seal and the signature, made by OpenSSL (SM2 with
SM3, distinguishing ID 1234567812345678, through the PAdES generator's
`sm2_sign`), as DER SEQUENCE { r, s } or as the 64-byte r‖s some seal
software writes instead."""

from asn1crypto import algos

from .pades import SM2_ID, Identity, sm2_sign

DER, RS = "der", "rs"


def to_rs(der_sig: bytes) -> bytes:
    """DER (r, s) re-encoded as r‖s, 32 bytes each, big-endian."""
    sig = algos.DSASignature.load(der_sig)
    return sig["r"].native.to_bytes(32, "big") + sig["s"].native.to_bytes(32, "big")


def sign(who: Identity, message: bytes, form: str = DER) -> bytes:
    """`who`'s SM2 signature over `message` (OpenSSL hashes SM3(Z ‖ message))."""
    der_sig = sm2_sign(who.key_file(), message, SM2_ID)
    return to_rs(der_sig) if form == RS else der_sig
