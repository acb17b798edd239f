#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (playwright-core
# drives it; npm downloads no browser). As root with apt-get it installs Debian's `chromium`
# package; otherwise it prints one line saying how, and fails: browser tests never skip silently.
set -uo pipefail

CHROMIUM=/usr/bin/chromium
HOW="Chromium is missing: install Debian's package with 'sudo apt-get install -y chromium' (it provides ${CHROMIUM}), then run the tests again."

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null && [ -x "$CHROMIUM" ]; then
    exit 0
  fi
fi

echo "$HOW" >&2
exit 1
