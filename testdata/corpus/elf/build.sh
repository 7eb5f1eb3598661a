#!/bin/sh
# Rebuilds the .o files beside their sources (tests use the committed .o files and never need clang).
set -e
cd "$(dirname "$0")"
for c in *.c; do
    clang-19 -target bpf -O2 -g -mcpu=v3 -fdebug-prefix-map="$PWD"=. -I/usr/include/x86_64-linux-gnu -c "$c" -o "${c%.c}.o"
done
