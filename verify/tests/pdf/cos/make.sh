#!/bin/sh
# Remake the committed fixtures (a few KB each): base.pdf from
# make_base.py, every other one from it with qpdf (Debian's `qpdf`, an
# independent implementation of the encryption). Run from this folder.
set -eu
python3 make_base.py > base.pdf
q() { out=$1; shift; qpdf --static-id --static-aes-iv "$@" base.pdf "$out"; }
weak="--allow-weak-crypto"
q plain.pdf
q objstm.pdf --object-streams=generate
q r2-rc4-40.pdf --encrypt "" owner 40 -- $weak
q r3-rc4-128.pdf --encrypt "" owner 128 --use-aes=n -- $weak
q r4-rc4-128.pdf --encrypt "" owner 128 --use-aes=n --force-V4 -- $weak
q r4-aes-128.pdf --encrypt "" owner 128 --use-aes=y --
q r4-aes-128-meta.pdf --encrypt "" owner 128 --use-aes=y --cleartext-metadata --
q r4-aes-128-objstm.pdf --object-streams=generate --encrypt "" owner 128 --use-aes=y --
q r5-aes-256.pdf --encrypt "" owner 256 --force-R5 -- $weak
q r6-aes-256.pdf --encrypt "" owner 256 --
q r6-aes-256-meta.pdf --encrypt "" owner 256 --cleartext-metadata --
q r6-aes-256-objstm.pdf --object-streams=generate --encrypt "" owner 256 --
q password-r3.pdf --encrypt "user" owner 128 --use-aes=n -- $weak
q password-r6.pdf --encrypt "user" owner 256 --
