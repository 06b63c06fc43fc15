#!/usr/bin/env bash
# Installs what KMRecon needs beyond a Swift toolchain, only where it is missing.
# Debian/Ubuntu: libpng-dev (headers + pkg-config file). Safe to run again.
set -euo pipefail

need_apt=()
if ! command -v pkg-config >/dev/null 2>&1; then need_apt+=(pkg-config); fi
if ! pkg-config --exists libpng 2>/dev/null; then need_apt+=(libpng-dev); fi

if [ ${#need_apt[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup: please install ${need_apt[*]} (libpng with its pkg-config file) with your package manager" >&2
        exit 1
    fi
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    echo "setup: installing ${need_apt[*]}" >&2
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
