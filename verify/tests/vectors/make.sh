#!/usr/bin/env bash
# Make the seal verification test vectors with the OpenSSL command line: an
# implementation independent of the RustCrypto crates `core::verify` uses, so
# the tests show that we agree with the rest of the world, not with ourselves.
#
# Writes, next to this script: doc.pdf, doc-changed.pdf and one
# Signature-shaped JSON file per group of cases (fixtures.py assembles them).
# The tests read the committed files; they never run OpenSSL. Keys are fresh
# on every run, so rerunning changes every file: commit them together.
#
#   verify/tests/vectors/make.sh            # needs OpenSSL 3.0+ and python3
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
openssl=${OPENSSL:-/usr/bin/openssl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

case "$("$openssl" version)" in
  "OpenSSL 3."*) ;;
  *) echo "make.sh: needs OpenSSL 3 (SM2 with distid, RSA-PSS keys): $("$openssl" version)" >&2; exit 1 ;;
esac

ossl() { "$openssl" "$@"; }
# The distinguishing id spec §6 fixes for SM2.
distid=1234567812345678

# --- documents --------------------------------------------------------------
python3 "$here/fixtures.py" documents "$here/doc.pdf" "$here/doc-changed.pdf"
cp "$here/doc.pdf" doc.pdf
cp "$here/doc-changed.pdf" doc-changed.pdf

# --- keys -------------------------------------------------------------------
ossl genpkey -algorithm SM2 -out sm2.key
ossl genpkey -algorithm SM2 -out sm2-other.key
for k in ec ec-other; do
  ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -pkeyopt ec_param_enc:named_curve -out $k.key
done
ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
  -pkeyopt ec_param_enc:named_curve -out ec384.key
for k in rsa rsa-other; do
  ossl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $k.key 2>/dev/null
done
ossl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out rsapss.key 2>/dev/null
ossl genpkey -algorithm ED25519 -out ed25519.key
ossl genpkey -algorithm ED25519 -out ed25519-other.key

for k in sm2 sm2-other ec ec-other ec384 rsa rsa-other rsapss ed25519 ed25519-other; do
  ossl pkey -in $k.key -pubout -out $k.pub.pem
  ossl pkey -in $k.key -pubout -outform DER -out $k.pub.der
done
# PKCS#1 "RSA PUBLIC KEY" form, as some Java/Go tools export it.
ossl rsa -in rsa.key -RSAPublicKey_out -out rsa.pkcs1.pem 2>/dev/null

# --- self-signed certificates -----------------------------------------------
ossl req -x509 -new -key sm2.key -sm3 -sigopt distid:$distid -utf8 \
  -subj "/C=CN/O=InfoPlus 测试/CN=张三" -days 3650 -out sm2.crt
ossl req -x509 -new -key ec.key -sha256 \
  -subj "/C=CN/O=InfoPlus Test/OU=Seals/CN=ECDSA Seal" -days 3650 -out ec.crt
ossl req -x509 -new -key rsa.key -sha256 \
  -subj "/C=CN/ST=Shanghai/O=InfoPlus Test/CN=RSA Seal" -days 3650 -out rsa.crt
ossl req -x509 -new -key ed25519.key \
  -subj "/O=InfoPlus Test/CN=Ed25519 Seal" -days 3650 -out ed25519.crt
for c in sm2 ec rsa ed25519; do
  ossl x509 -in $c.crt -outform DER -out $c.crt.der
  ossl x509 -in $c.crt -noout -nameopt RFC2253,-esc_msb \
    -subject -issuer -startdate -enddate > $c.crt.txt
done

# --- fingerprints: SHA-256 of the SPKI DER ------------------------------------
for k in sm2 sm2-other ec ec-other rsa rsa-other rsapss ed25519 ed25519-other; do
  sha256sum < $k.pub.der | cut -d' ' -f1 > $k.fpr
done

# --- signatures over doc.pdf -------------------------------------------------
sign_sm2() { ossl dgst -sm3 -sign "$1" "${@:3}" -out "$2" doc.pdf; }
sign_sm2 sm2.key sm2.sig -sigopt distid:$distid
sign_sm2 sm2.key sm2-alice.sig -sigopt distid:ALICE123@YAHOO.COM
sign_sm2 sm2.key sm2-nodistid.sig
ossl dgst -sm3 -verify sm2.pub.pem -sigopt distid:$distid -signature sm2.sig doc.pdf >/dev/null
# Without distid OpenSSL 3.0 does not use 1234567812345678: a different Z.
if ossl dgst -sm3 -verify sm2.pub.pem -sigopt distid:$distid -signature sm2-nodistid.sig doc.pdf >/dev/null 2>&1; then
  echo "make.sh: OpenSSL signed SM2 without distid using $distid; the invalid case would be valid" >&2
  exit 1
fi

ossl dgst -sha256 -sign ec.key -out ec.sig doc.pdf
ossl dgst -sha256 -sign ec.key -out ec-changed.sig doc-changed.pdf
ossl dgst -sha256 -verify ec.pub.pem -signature ec.sig doc.pdf >/dev/null

ossl dgst -sha256 -sign rsa.key -out rsa.sig doc.pdf
ossl dgst -sha256 -verify rsa.pub.pem -signature rsa.sig doc.pdf >/dev/null
pss=(-sigopt rsa_padding_mode:pss -sigopt rsa_mgf1_md:sha256)
ossl dgst -sha256 -sign rsa.key "${pss[@]}" -sigopt rsa_pss_saltlen:digest -out rsa-pss32.sig doc.pdf
# OpenSSL's default salt for signing is the longest that fits (222 bytes).
ossl dgst -sha256 -sign rsa.key "${pss[@]}" -out rsa-pssmax.sig doc.pdf
ossl dgst -sha256 -verify rsa.pub.pem "${pss[@]}" -sigopt rsa_pss_saltlen:max -signature rsa-pssmax.sig doc.pdf >/dev/null
ossl dgst -sha256 -sign rsapss.key -out rsapss.sig doc.pdf
ossl dgst -sha256 -verify rsapss.pub.pem -signature rsapss.sig doc.pdf >/dev/null

ossl pkeyutl -sign -inkey ed25519.key -rawin -in doc.pdf -out ed25519.sig
ossl pkeyutl -verify -pubin -inkey ed25519.pub.pem -rawin -in doc.pdf -sigfile ed25519.sig >/dev/null

# A private key where the public key belongs: the wire name invites it.
cp ec.key ec.private.pem

# --- JSON fixtures -------------------------------------------------------------
python3 "$here/fixtures.py" signatures "$work" "$here"
echo "make.sh: vectors written to $here"
