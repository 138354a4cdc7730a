#!/bin/sh
# SPDX-License-Identifier: MIT
# Install relgraph's build, test and tool dependencies from Debian packages.
# Idempotent: packages already present are left alone. Needs root (or sudo).
# Node.js and npm (for the graphology export test) usually come with the
# machine image; Debian's are installed only when npm is missing.
set -eu

PKGS="build-essential pkg-config
libigraph-dev libjansson-dev libgraphviz-dev graphviz libcmocka-dev
libutf8proc-dev libstemmer-dev
libxml2-utils python3 python3-networkx valgrind time"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
# npm (for the graphology export test): the machine image usually has
# Node.js and npm; Debian's nodejs and npm only when it does not.
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing nodejs npm"
fi
if [ -z "$missing" ]; then
    echo "install-deps: all Debian packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-deps: missing packages:$missing" >&2
        echo "install-deps: run this script as root (or install sudo) to install them" >&2
        exit 1
    fi
fi
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
