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
# The view of tests/it/lsp.rs: a typo'd prop, a field a condition reads, an action.
cat > "$work/refund.view.json" <<'JSON'
{
  "Name": "Refund",
  "Actions": ["Submit"],
  "Template": {
    "Head": {"Title": "Refund", "Configuration": {}},
    "Body": [
      {"_id": "form", "Type": "Form", "Props": {"HideBorder": false}, "Content": [
        {"_id": "reason", "Type": "Dropdown", "Props": {"Name": "reason", "Label": "Reason", "Options": [{"Label": "Billing", "Value": "billing"}, {"Label": "Other", "Value": "other"}]}, "Content": []},
        {"_id": "why", "Type": "TextArea", "Props": {"Name": "why", "Label": "$.WhyLabel", "HelpText": "Say why", "Visibility": {"Conditions": [{"Equals": {"ElementByKey": "reason", "ElementByValue": "other"}}]}}, "Content": []},
        {"_id": "send", "Type": "Button", "Props": {"Action": "Submit"}, "Content": ["Send"]}
      ]}
    ]
  }
}
JSON
CONNECT_VIEWS_BIN="$bin" NVIM_LSP_FILE="$work/refund.view.json" NVIM_LSP_REPORT="$work/report" \
  timeout 120 nvim --headless --clean -u NONE -c "luafile scripts/nvim/lsp-check.lua" >/dev/null 2>&1 || true
[ -s "$work/report" ] || { echo "BAD Neovim wrote no report"; exit 1; }
cat "$work/report"
! grep -q '^BAD' "$work/report"
