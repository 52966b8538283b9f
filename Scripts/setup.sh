#!/usr/bin/env bash
# Installs what building and testing obslab needs, and only what is missing: a fast no-op when all is there.
# Debian packages through apt-get (as root, or with sudo), Python packages through pip.
set -euo pipefail

# System packages: openssl makes the test certificates; the -dev packages are what the Swift build links
# (GRDB uses the system SQLite; Foundation's networking needs libcurl); jq reads JSON in the scenario scripts;
# chromium (headless) renders the web console in its end-to-end test; mount and util-linux (unshare) mount the small tmpfs
# of the full-disk test; libpng-dev and libturbojpeg0-dev (found through pkg-config) decode images for auto grouping.
DEBIAN_PACKAGES=(openssl ca-certificates libssl-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev libxml2-dev jq chromium mount util-linux
    pkg-config libpng-dev libturbojpeg0-dev)
# node checks the syntax of the console's scripts (node --check, in Scripts/test.sh): any node on PATH will do.
command -v node >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs)

# Python distributions (name used by pip -> name in the installed metadata).
# awscrt lets botocore compute CRC32C and CRC64NVME; moto[server] is the reference S3 the tests are checked
# against; esdk-obs-python is the Huawei OBS SDK used by the OBS-dialect tests; cryptography lets the root-key
# tests read sealed key files the way an attacker with the root key could; pytest-xdist runs the end-to-end files on
# every core, each worker with servers of its own.
PIP_PACKAGES=(boto3 awscli "moto[server]" pytest pytest-xdist requests awscrt esdk-obs-python cryptography)

missing_debian=()
if command -v dpkg >/dev/null 2>&1; then
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing_debian+=("$pkg")
    done
fi
if ((${#missing_debian[@]})); then
    echo "setup: installing Debian packages: ${missing_debian[*]}"
    sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing_debian[@]}"
fi

# The machines of this project keep their Python (boto3, awscli, pytest) under pyenv: use it when present,
# even from an environment whose PATH does not name it.
for dir in "$HOME/.pyenv/bin" "$HOME/.pyenv/shims"; do
    [[ -d $dir && ":$PATH:" != *":$dir:"* ]] && PATH="$dir:$PATH"
done
export PATH

PYTHON=${PYTHON:-python3}
# One interpreter start checks every distribution; prints the pip names that are missing.
missing_pip=$("$PYTHON" - "${PIP_PACKAGES[@]}" <<'PY'
import importlib.metadata as md, re, sys
for spec in sys.argv[1:]:
    name = re.sub(r"\[.*\]", "", spec)
    extras = {"moto[server]": ["flask", "flask-cors"]}.get(spec, [])
    try:
        for dist in [name, *extras]:
            md.version(dist)
    except md.PackageNotFoundError:
        print(spec)
PY
)
if [[ -n $missing_pip ]]; then
    # shellcheck disable=SC2086 # one package per word
    echo "setup: installing Python packages:" $missing_pip
    # shellcheck disable=SC2086
    "$PYTHON" -m pip install -q --disable-pip-version-check $missing_pip \
        || "$PYTHON" -m pip install -q --disable-pip-version-check --break-system-packages $missing_pip  # Debian's own Python
fi

for tool in aws moto_server openssl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "setup: '$tool' is not on PATH after installing" >&2; exit 1; }
done
