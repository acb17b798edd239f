#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (playwright-core
# drives it; npm downloads no browser), with its Spanish resources (chromium-l10n: the native
# controls of the tests and screenshots say "Seleccionar archivo" and "dd/mm/aaaa", not "Choose
# File" and "mm/dd/yyyy"). As root with apt-get it installs what is missing; otherwise it prints
# one line saying how, and fails: browser tests never skip silently.
set -uo pipefail

CHROMIUM=/usr/bin/chromium
L10N=/usr/lib/chromium/locales/es-419.pak
HOW="Chromium or its Spanish resources are missing: install Debian's packages with 'sudo apt-get install -y chromium chromium-l10n' (they provide ${CHROMIUM} and ${L10N}), then run the tests again."

if [ -x "$CHROMIUM" ] && [ -f "$L10N" ]; then
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and chromium-l10n packages for the browser tests..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium chromium-l10n >/dev/null && [ -x "$CHROMIUM" ] && [ -f "$L10N" ]; then
    exit 0
  fi
fi

echo "$HOW" >&2
exit 1
