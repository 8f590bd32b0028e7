#!/usr/bin/env bash
# Neovim's own LSP client against `connect-views lsp`, headless (scripts/nvim/lsp-check.lua).
# Usage: scripts/nvim-lsp.sh [path/to/connect-views]   (default: target/debug/connect-views)
# Prints one line per check and exits 1 when any fails, 2 when Neovim is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-target/debug/connect-views}")"
command -v nvim >/dev/null || { echo "nvim is not installed" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The view tests/it/lsp.rs opens too: a typo'd prop, a field a condition reads, an action.
cp tests/lsp/refund.view.json "$work/refund.view.json"
CONNECT_VIEWS_BIN="$bin" NVIM_LSP_FILE="$work/refund.view.json" NVIM_LSP_REPORT="$work/report" \
  timeout 120 nvim --headless --clean -u NONE -c "luafile scripts/nvim/lsp-check.lua" >/dev/null 2>&1 || true
[ -s "$work/report" ] || { echo "BAD Neovim wrote no report"; exit 1; }
cat "$work/report"
! grep -q '^BAD' "$work/report"
