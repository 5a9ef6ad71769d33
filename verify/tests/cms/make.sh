#!/bin/sh
# Regenerates the CMS fixtures of verify/tests/cms/ (its tests) with OpenSSL 3,
# an implementation independent of ours. Keys are made fresh and thrown
# away; only certificates, signatures and OpenSSL's own printouts
# (*.print.txt, *.text.txt) are kept, so the test can compare our reading
# with OpenSSL's.
#
#   sh verify/tests/cms/make.sh        (from anywhere; needs `openssl` 3.x)
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl version

printf 'The content the CMS fixtures sign.\n' > content.txt

# A CA and one leaf per key type.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/ca.key" -out ca.pem \
    -subj "/CN=CMS fixtures CA" -days 7300 -sha256 2>/dev/null
leaf() { # name keygen-args [extensions]
    name=$1; shift
    openssl genpkey "$@" -out "$work/$name.key" 2>/dev/null
    openssl req -new -key "$work/$name.key" -subj "/CN=CMS fixtures $name" \
        ${REQ_OPTS:-} -out "$work/$name.csr"
    cat > "$work/$name.ext" <<EXT
basicConstraints=CA:FALSE
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
${EXTRA:-keyUsage=critical,digitalSignature,nonRepudiation}
EXT
    openssl x509 -req -in "$work/$name.csr" -CA ca.pem -CAkey "$work/ca.key" \
        -CAcreateserial -CAserial "$work/ca.srl" -days 7300 -sha256 ${X509_OPTS:-} \
        -extfile "$work/$name.ext" -out "$name.pem" 2>/dev/null
}
leaf rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
leaf ed25519 -algorithm ED25519
REQ_OPTS="-sm3 -sigopt distid:1234567812345678" \
X509_OPTS="-vfyopt distid:1234567812345678" \
    leaf sm2 -algorithm EC -pkeyopt ec_paramgen_curve:SM2
EXTRA="extendedKeyUsage=critical,timeStamping" leaf tsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048

sign() { # output signer-name extra-args...
    out=$1; name=$2; shift 2
    openssl cms -sign -binary -in content.txt -signer "$name.pem" \
        -inkey "$work/$name.key" -outform DER -out "$out.der" "$@"
    openssl cms -cmsout -print -inform DER -in "$out.der" > "$out.print.txt"
}
sign rsa-pkcs1 rsa -md sha256
sign rsa-pss rsa -md sha256 -keyopt rsa_padding_mode:pss
sign p256 p256 -md sha256
sign p384 p384 -md sha384
sign rsa-noattr rsa -md sha256 -noattr
sign rsa-keyid rsa -md sha256 -keyid -certfile ca.pem
sign rsa-indef rsa -md sha256 -stream
# Attached content, streamed: eContent as constructed BER octets.
sign p256-attached-indef p256 -md sha256 -nodetach -stream

# OpenSSL 3.0 cannot `cms -sign` with Ed25519 or SM2, nor emit unsorted
# signed attributes: OpenSSL signs, asn1crypto (in a throw-away venv)
# encodes. sm2-gm: GM/T 0010 content types, SM3, SM2 with the GM/T 0009
# distinguishing id.
venv="$work/venv"
python3 -m venv "$venv" && "$venv/bin/pip" install -q asn1crypto==1.5.1
for kind in ed25519:ed25519 rsa-unsorted:rsa sm2-gm:sm2; do
    out=${kind%%:*}; name=${kind#*:}
    "$venv/bin/python" make_assembled.py "$out" "$name.pem" "$work/$name.key" \
        content.txt "$out.der"
    # OpenSSL does not know the GM/T content types: no printout for sm2-gm.
    [ "$out" = sm2-gm ] ||
        openssl cms -cmsout -print -inform DER -in "$out.der" > "$out.print.txt"
done
openssl asn1parse -inform DER -in sm2-gm.der > sm2-gm.asn1parse.txt

# An RFC 3161 timestamp token over content.txt.
cat > "$work/ts.cnf" <<CNF
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = $work/tsaserial
signer_cert = tsa.pem
certs = ca.pem
signer_key = $work/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > "$work/tsaserial"
openssl ts -query -data content.txt -sha256 -cert -out "$work/req.tsq"
openssl ts -reply -config "$work/ts.cnf" -queryfile "$work/req.tsq" \
    -out "$work/resp.tsr" 2>/dev/null
openssl ts -reply -in "$work/resp.tsr" -token_out -out tst.der
openssl ts -reply -in "$work/resp.tsr" -text > tst.text.txt
openssl cms -cmsout -print -inform DER -in tst.der > tst.print.txt
openssl ts -verify -data content.txt -in tst.der -token_in -CAfile ca.pem \
    -untrusted tsa.pem
for md in sha256 sha384 sha512 sm3; do openssl dgst -$md content.txt; done > content.dgst.txt
