#!/usr/bin/env bash
# Regenerates the fixtures of verify/tests/pki/chain_tests.rs with OpenSSL 3 (the
# independent implementation) and records OpenSSL's own answers:
#   chains/<case>.{leaf,pool,roots,store-inter}.pem   what our validator gets
#   chains/expected.txt   "<case> <purpose> <at> <openssl error code> <our identity> <warnings>"
#   sigs/                 keys (SPKI PEM), a message and signatures over it
# Run from anywhere: verify/tests/pki/make.sh. Needs only `openssl` (3.0+).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
DISTID=distid:1234567812345678

cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[inter_pathlen0]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[inter_not_ca]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[inter_no_certsign]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_encipher]
basicConstraints = CA:FALSE
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[self]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
CNF

# key <name> <kind>
key() {
  case "$2" in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$1.key" ;;
    sm2) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out "$1.key" ;;
  esac
}

# Signing options per kind (Ed25519 takes no digest).
sigopts() {
  case "$1" in
    rsa) echo "-sha256" ;;
    p256) echo "-sha256" ;;
    p384) echo "-sha384" ;;
    ed25519) echo "" ;;
    sm2) echo "-sm3 -sigopt $DISTID" ;;
    rsa-sha1) echo "-sha1" ;;
  esac
}
vfyopts() { [ "$1" = sm2 ] && echo "-vfyopt $DISTID" || true; }

serial=100
# root <name> <kind>
root() {
  key "$1" "$2"
  # shellcheck disable=SC2046
  openssl req -x509 -new -key "$1.key" -subj "/C=CN/O=Test/CN=$1" -days 7300 \
    $(sigopts "$2") -config /dev/null -extfile ext.cnf -extensions root -out "$1.pem" 2>/dev/null \
  || openssl req -x509 -new -key "$1.key" -subj "/C=CN/O=Test/CN=$1" -days 7300 \
    $(sigopts "$2") -config ext.cnf -extensions root -out "$1.pem"
}
# issue <name> <kind of its key> <issuer> <kind of issuer key/signature> <extensions> [days]
issue() {
  key "$1" "$2"
  serial=$((serial + 1))
  # shellcheck disable=SC2046
  openssl req -new -key "$1.key" -subj "/C=CN/O=Test/CN=$1" $(sigopts "$2") -config ext.cnf \
    -out "$1.csr" 2>/dev/null || openssl req -new -key "$1.key" -subj "/C=CN/O=Test/CN=$1" \
    $(sigopts "$2" | sed 's/-sha1/-sha256/') -config ext.cnf -out "$1.csr"
  # shellcheck disable=SC2046
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -set_serial "$serial" \
    -days "${6:-3650}" $(sigopts "$4") $(vfyopts "$2") -extfile ext.cnf -extensions "$5" -out "$1.pem"
}
# dated <name> <issuer> <start> <end> [extensions] [CSR]: an RSA certificate with
# explicit validity (openssl ca); a new key and CSR unless one is given.
dated() {
  local csr=${6:-}
  if [ -z "$csr" ]; then
    key "$1" rsa
    openssl req -new -key "$1.key" -subj "/C=CN/O=Test/CN=$1" -sha256 -config ext.cnf -out "$1.csr"
    csr="$1.csr"
  fi
  mkdir -p ca/new && : > ca/index.txt && echo 1000 > ca/serial
  cat > ca.cnf <<CNF
[ca]
default_ca = d
[d]
database = ca/index.txt
new_certs_dir = ca/new
serial = ca/serial
default_md = sha256
policy = any
unique_subject = no
preserve = yes
[any]
countryName = optional
organizationName = optional
commonName = supplied
CNF
  cat ext.cnf >> ca.cnf
  openssl ca -batch -config ca.cnf -cert "$2.pem" -keyfile "$2.key" -in "$csr" -out "$1.pem" \
    -startdate "$3" -enddate "$4" -extensions "${5:-leaf}" -notext 2>/dev/null
}

AT=$(( $(date +%s) + 3600 ))
out="$here/chains"
rm -rf "$out" && mkdir -p "$out"
: > "$out/expected.txt"
: > "$out/openssl.txt"

# record <case> <purpose> <our identity> <our warnings, comma-separated or -> <leaf>
#        <pool certs> <roots> [store intermediates] [OpenSSL's extra options]
record() {
  local name=$1 purpose=$2 identity=$3 warnings=$4 leaf=$5 pool=$6 roots=$7 store=${8:-} extra=${9:-}
  cat $leaf > "$out/$name.leaf.pem"
  : > "$out/$name.pool.pem"; for c in $pool; do cat "$c" >> "$out/$name.pool.pem"; done
  : > "$out/$name.roots.pem"; for c in $roots; do cat "$c" >> "$out/$name.roots.pem"; done
  : > "$work/untrusted.pem"; cat "$out/$name.pool.pem" > "$work/untrusted.pem"
  if [ -n "$store" ]; then
    : > "$out/$name.store-inter.pem"; for c in $store; do cat "$c" >> "$out/$name.store-inter.pem"; done
    cat "$out/$name.store-inter.pem" >> "$work/untrusted.pem"
  fi
  local popt=""; [ "$purpose" = timestamping ] && popt="-purpose timestampsign"
  local code untrusted=""
  [ -s "$work/untrusted.pem" ] && untrusted="-untrusted $work/untrusted.pem"
  # shellcheck disable=SC2086
  if result=$(openssl verify -CAfile "$out/$name.roots.pem" $untrusted \
       -attime "$AT" $popt $extra "$out/$name.leaf.pem" 2>&1); then
    code=0
  else
    code=$(echo "$result" | sed -n 's/^error \([0-9]*\) .*/\1/p' | head -1)
    code=${code:-x}
  fi
  echo "$name $purpose $AT $code $identity $warnings" >> "$out/expected.txt"
  { echo "== $name"; echo "$result" | grep -v '^[0-9A-F]*:error:' | sed "s|$out/||"; } >> "$out/openssl.txt"
}

# Chains, one per algorithm: root → intermediate → leaf.
for kind in rsa p256 p384 ed25519 sm2; do
  root "root-$kind" "$kind"
  issue "inter-$kind" "$kind" "root-$kind" "$kind" inter
  issue "leaf-$kind" "$kind" "inter-$kind" "$kind" leaf
done
for kind in rsa p256 p384 ed25519; do
  record "$kind" signing trusted - "leaf-$kind.pem" "inter-$kind.pem" "root-$kind.pem"
done
# `openssl verify -vfyopt` sets the id on the certificate it verifies only,
# not on the intermediates, so the SM2 chains are checked one link at a time
# (-partial_chain makes the intermediate the anchor of the second link).
# links <name> <identity> <warnings> <leaf> <inter> <root> <leaf's vfyopt>
links() {
  cat "$4" > "$out/$1.leaf.pem"; cat "$5" > "$out/$1.pool.pem"; cat "$6" > "$out/$1.roots.pem"
  local r1 r2 code=0
  r1=$(openssl verify -attime "$AT" -vfyopt "$DISTID" -CAfile "$6" "$5" 2>&1) || code=$(echo "$r1" | sed -n 's/^error \([0-9]*\) .*/\1/p' | head -1)
  # shellcheck disable=SC2086
  r2=$(openssl verify -attime "$AT" $7 -partial_chain -CAfile "$5" "$4" 2>&1) || code=$(echo "$r2" | sed -n 's/^error \([0-9]*\) .*/\1/p' | head -1)
  echo "$1 signing $AT ${code:-x} $2 $3" >> "$out/expected.txt"
  { echo "== $1 (two links)"; echo "$r1"; echo "$r2"; } | grep -v '^[0-9A-F]*:error:' >> "$out/openssl.txt"
}
links sm2 trusted - leaf-sm2.pem inter-sm2.pem root-sm2.pem "-vfyopt $DISTID"

# SM2 leaf signed with the empty id (OpenSSL's default): OpenSSL verifies it
# with its default; we accept it with a warning.
key leaf-sm2-empty sm2
openssl req -new -key leaf-sm2-empty.key -subj "/C=CN/O=Test/CN=leaf-sm2-empty" -sm3 -config ext.cnf -out leaf-sm2-empty.csr
openssl x509 -req -in leaf-sm2-empty.csr -CA inter-sm2.pem -CAkey inter-sm2.key -set_serial 900 -days 3650 \
  -sm3 -extfile ext.cnf -extensions leaf -out leaf-sm2-empty.pem
links sm2-empty-id trusted sm2-empty-id leaf-sm2-empty.pem inter-sm2.pem root-sm2.pem ""
# The same leaf checked by OpenSSL with the GM/T id fails: the ids differ.
! openssl verify -vfyopt "$DISTID" -partial_chain -CAfile inter-sm2.pem leaf-sm2-empty.pem >/dev/null 2>&1

record rsa-store-inter signing trusted - leaf-rsa.pem "" root-rsa.pem inter-rsa.pem
record rsa-two-roots signing trusted - leaf-rsa.pem inter-rsa.pem "root-p256.pem root-rsa.pem"
record rsa-wrong-root signing unknown-issuer - leaf-rsa.pem inter-rsa.pem root-p256.pem
record rsa-no-inter signing unknown-issuer - leaf-rsa.pem "" root-rsa.pem
# A root used as a signer: trusted, but its keyUsage is for certificates.
record rsa-leaf-is-root signing trusted key-usage-missing root-rsa.pem "" root-rsa.pem

# Self-signed leaf, not a root.
key self rsa
openssl req -x509 -new -key self.key -subj "/C=CN/O=Test/CN=self" -days 3650 -sha256 \
  -config ext.cnf -extensions self -out self.pem
record self-signed signing self-signed - self.pem "" root-rsa.pem

# Expired and not yet valid leaves.
dated leaf-expired inter-rsa 20200101000000Z 20210101000000Z
record expired signing expired - leaf-expired.pem inter-rsa.pem root-rsa.pem
dated leaf-future inter-rsa 20400101000000Z 20410101000000Z
record not-yet-valid signing not-yet-valid - leaf-future.pem inter-rsa.pem root-rsa.pem

# Rule breakers.
issue inter-not-ca rsa root-rsa rsa inter_not_ca
issue leaf-under-not-ca rsa inter-not-ca rsa leaf
record inter-not-ca signing chain-invalid - leaf-under-not-ca.pem inter-not-ca.pem root-rsa.pem
issue inter-no-certsign rsa root-rsa rsa inter_no_certsign
issue leaf-under-no-certsign rsa inter-no-certsign rsa leaf
record inter-no-certsign signing chain-invalid - leaf-under-no-certsign.pem inter-no-certsign.pem root-rsa.pem
issue inter-pl0 rsa root-rsa rsa inter_pathlen0
issue inter-below-pl0 rsa inter-pl0 rsa inter
issue leaf-below-pl0 rsa inter-below-pl0 rsa leaf
record pathlen0-violated signing chain-invalid - leaf-below-pl0.pem "inter-below-pl0.pem inter-pl0.pem" root-rsa.pem
issue leaf-under-pl0 rsa inter-pl0 rsa leaf
record pathlen0-kept signing trusted - leaf-under-pl0.pem inter-pl0.pem root-rsa.pem

# A leaf whose signature was altered (one byte near the end of the DER).
openssl x509 -in leaf-rsa.pem -outform DER -out leaf-rsa.der
python3 - <<'PY'
data = bytearray(open("leaf-rsa.der", "rb").read())
data[-10] ^= 0x01
open("leaf-bad-sig.der", "wb").write(bytes(data))
PY
openssl x509 -inform DER -in leaf-bad-sig.der -out leaf-bad-sig.pem
record bad-signature signing chain-invalid - leaf-bad-sig.pem inter-rsa.pem root-rsa.pem

# keyUsage without digitalSignature/nonRepudiation: accepted with a warning.
issue leaf-encipher rsa inter-rsa rsa leaf_encipher
record key-usage-missing signing trusted key-usage-missing leaf-encipher.pem inter-rsa.pem root-rsa.pem

# A SHA-1 signed leaf.
issue leaf-sha1 rsa inter-rsa rsa-sha1 leaf
record sha1-leaf signing trusted sha1-in-chain leaf-sha1.pem inter-rsa.pem root-rsa.pem

# A leaf signed with RSASSA-PSS (OpenSSL's default salt: the longest).
key leaf-pss rsa
openssl req -new -key leaf-pss.key -subj "/C=CN/O=Test/CN=leaf-pss" -sha256 -config ext.cnf -out leaf-pss.csr
openssl x509 -req -in leaf-pss.csr -CA inter-rsa.pem -CAkey inter-rsa.key -set_serial 901 -days 3650 \
  -sha384 -sigopt rsa_padding_mode:pss -extfile ext.cnf -extensions leaf -out leaf-pss.pem
record rsa-pss-leaf signing trusted - leaf-pss.pem inter-rsa.pem root-rsa.pem

# A serial of 100 bytes (RFC 5280 allows 20; we read it anyway).
big=$(head -c 100 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/^./7/')
openssl x509 -req -in leaf-rsa.csr -CA inter-rsa.pem -CAkey inter-rsa.key -set_serial "0x$big" -days 3650 \
  -sha256 -extfile ext.cnf -extensions leaf -out leaf-big-serial.pem
record big-serial signing trusted - leaf-big-serial.pem inter-rsa.pem root-rsa.pem

# Two paths: the intermediate's key also certified by an expired copy from
# the RSA root (tried first) and by the P-256 root. The valid path wins.
dated inter-rsa-expired root-rsa 20200101000000Z 20210101000000Z inter inter-rsa.csr
openssl x509 -req -in inter-rsa.csr -CA root-p256.pem -CAkey root-p256.key -set_serial 902 -days 3650 \
  -sha256 -extfile ext.cnf -extensions inter -out inter-rsa-cross.pem
record two-paths signing trusted - leaf-rsa.pem "inter-rsa-expired.pem inter-rsa-cross.pem" \
  "root-rsa.pem root-p256.pem"
record only-expired-path signing expired - leaf-rsa.pem inter-rsa-expired.pem root-rsa.pem

# Path length: MAX_PATH_DEPTH is 8 certificates, leaf and root included,
# which is OpenSSL's -verify_depth 6 (intermediates only).
prev=root-rsa; long=""
for i in 1 2 3 4 5 6 7; do
  issue "deep-$i" rsa "$prev" rsa inter
  long="deep-$i.pem $long"; prev="deep-$i"
  if [ "$i" = 6 ]; then
    issue leaf-depth-8 rsa "$prev" rsa leaf
    record depth-8 signing trusted - leaf-depth-8.pem "$long" root-rsa.pem "" "-verify_depth 6"
  fi
done
issue leaf-depth-9 rsa "$prev" rsa leaf
record depth-9 signing unknown-issuer - leaf-depth-9.pem "$long" root-rsa.pem "" "-verify_depth 6"

# Timestamp authority leaves.
issue tsa rsa inter-rsa rsa tsa
record tsa-eku timestamping trusted - tsa.pem inter-rsa.pem root-rsa.pem
record tsa-no-eku timestamping chain-invalid timestamping-eku-missing leaf-rsa.pem inter-rsa.pem root-rsa.pem

# What OpenSSL reads from a certificate, for the parsing test.
for c in leaf-rsa leaf-big-serial leaf-sm2 tsa; do
  openssl x509 -in "$c.pem" -outform DER -out "$out/$c.der"
  {
    echo "serial $(openssl x509 -in "$c.pem" -noout -serial | cut -d= -f2 | tr -d '\\\n' | tr 'A-F' 'a-f')"
    echo "fingerprint $(openssl x509 -in "$c.pem" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d : | tr 'A-F' 'a-f')"
    echo "not_before $(date -u -d "$(openssl x509 -in "$c.pem" -noout -startdate | cut -d= -f2)" +%s)"
    echo "not_after $(date -u -d "$(openssl x509 -in "$c.pem" -noout -enddate | cut -d= -f2)" +%s)"
    echo "subject $(openssl x509 -in "$c.pem" -noout -subject -nameopt rfc2253 | sed 's/^subject=//')"
    echo "issuer $(openssl x509 -in "$c.pem" -noout -issuer -nameopt rfc2253 | sed 's/^issuer=//')"
  } > "$out/$c.txt"
done

# Signatures over one message, per algorithm.
sigs="$here/sigs"
rm -rf "$sigs" && mkdir -p "$sigs"
head -c 1000 /dev/urandom > "$sigs/message.bin"
for kind in rsa p256 p384 ed25519 sm2; do
  openssl pkey -in "leaf-$kind.key" -pubout -out "$sigs/$kind.pub.pem"
  openssl pkey -in "leaf-$kind.key" -pubout -outform DER -out "$sigs/$kind.pub.der"
done
m="$sigs/message.bin"
for h in sha256 sha384 sha512; do
  openssl dgst -$h -sign leaf-rsa.key -out "$sigs/rsa-pkcs1-$h.sig" "$m"
  openssl dgst -$h -sign leaf-rsa.key -sigopt rsa_padding_mode:pss -out "$sigs/rsa-pss-$h.sig" "$m"
  openssl dgst -$h -sign leaf-p256.key -out "$sigs/p256-$h.sig" "$m"
  openssl dgst -$h -sign leaf-p384.key -out "$sigs/p384-$h.sig" "$m"
done
openssl dgst -sha256 -sign leaf-rsa.key -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
  -out "$sigs/rsa-pss-sha256-salt32.sig" "$m"
openssl pkeyutl -sign -rawin -inkey leaf-ed25519.key -in "$m" -out "$sigs/ed25519.sig"
openssl dgst -sm3 -sign leaf-sm2.key -sigopt "$DISTID" -out "$sigs/sm2-distid.sig" "$m"
openssl dgst -sm3 -sign leaf-sm2.key -out "$sigs/sm2-empty-id.sig" "$m"
# OpenSSL checks its own signatures (the SM2 ones with the id each used).
for h in sha256 sha384 sha512; do
  openssl dgst -$h -verify "$sigs/rsa.pub.pem" -signature "$sigs/rsa-pkcs1-$h.sig" "$m" >/dev/null
  openssl dgst -$h -verify "$sigs/p384.pub.pem" -signature "$sigs/p384-$h.sig" "$m" >/dev/null
done
openssl dgst -sm3 -verify "$sigs/sm2.pub.pem" -sigopt "$DISTID" -signature "$sigs/sm2-distid.sig" "$m" >/dev/null
openssl dgst -sm3 -verify "$sigs/sm2.pub.pem" -signature "$sigs/sm2-empty-id.sig" "$m" >/dev/null
openssl pkeyutl -verify -rawin -pubin -inkey "$sigs/ed25519.pub.pem" -in "$m" -sigfile "$sigs/ed25519.sig" >/dev/null
echo "fixtures written to $here (validation time $AT)"
cat "$out/expected.txt"
