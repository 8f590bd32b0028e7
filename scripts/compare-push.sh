#!/usr/bin/env bash
# Times `connect-views push` beside `aws connect create-view` doing the same work (creating
# one published view) against a running local endpoint, as whole processes, with hyperfine.
# Installs what it needs: hyperfine (Debian) and the AWS CLI (PyPI) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
command -v aws >/dev/null || python3 -m pip install -q awscli

cargo build --release --quiet
bin="$PWD/target/release/connect-views"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

port=18787
"$bin" serve --listen "127.0.0.1:$port" --db "$work/views.sqlite3" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q listening "$work/serve.log" && break; sleep 0.1; done

url="http://127.0.0.1:$port"
instance=00000000-0000-4000-8000-000000000000
example=assets/examples/callback-form.view.json
"$bin" export "$example" --instance-id "$instance" >"$work/in.json"

export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true
hyperfine --warmup 3 --runs "${RUNS:-30}" --export-json "$work/result.json" \
  --prepare "$bin delete 'Callback request' --endpoint-url $url >/dev/null 2>&1 || true" \
  -n "connect-views push" "$bin push $example --publish --endpoint-url $url" \
  -n "aws connect create-view" "aws connect create-view --endpoint-url $url --cli-input-json file://$work/in.json"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
ours, theirs = r["connect-views push"]["median"], r["aws connect create-view"]["median"]
print(f"median: connect-views push {ours*1000:.1f} ms, aws connect create-view {theirs*1000:.1f} ms, ratio {theirs/ours:.1f}x")
PY
