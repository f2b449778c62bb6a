#!/usr/bin/env bash
# Install what the page and PDF tests (and `datong build --pdf`) need: Debian's Chromium,
# a CJK font for it, and poppler-utils (pdffonts, pdftotext, pdftoppm) to check the PDFs.
# Idempotent; does nothing when all are present. The tests skip (or, under CI=true,
# fail) with a message naming this script when it could not install them.
set -euo pipefail

have_browser() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; }
have_poppler() { command -v pdffonts >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; }

if have_browser && have_cjk_font && have_poppler; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser_deps: no apt-get here; install Chromium, a CJK font (e.g. Noto Sans CJK) and poppler-utils yourself to run the page and PDF tests." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "install_browser_deps: not root and no password-less sudo; run 'sudo apt-get install chromium fonts-noto-cjk poppler-utils' to run the page and PDF tests." >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fontconfig poppler-utils >/dev/null
echo "install_browser_deps: installed chromium, fonts-noto-cjk and poppler-utils"
