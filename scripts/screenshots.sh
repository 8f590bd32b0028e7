#!/usr/bin/env bash
# Makes screenshots/*.png from the real binary in a real terminal: tmux runs it, capture-pane
# keeps the colours, scripts/ansi2png.py draws the PNG. Installs what it needs from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's python3 and its PIL (a pyenv or venv python3 earlier on PATH would not see it).
py=/usr/bin/python3
need=()
command -v tmux >/dev/null || need+=(tmux)
[ -x "$py" ] || need+=(python3)
"$py" -c "import PIL" 2>/dev/null || need+=(python3-pil)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi

cargo build --release --quiet
bin="$PWD/target/release/connect-views"
work="$(mktemp -d)"
session="cv-shots-$$"
pids=()
trap 'tmux kill-session -t "$session" 2>/dev/null || true; kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
cp assets/examples/order-cards.view.json assets/examples/callback-form.view.json "$work/"
mkdir -p "$work/config" screenshots

tmux new-session -d -s "$session" -x 120 -y 36 \
  "cd $work && CONNECT_VIEWS_DB=$work/db.sqlite3 CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit order-cards.view.json"

wait_for() {
  for _ in $(seq 150); do
    tmux capture-pane -p -t "$session" | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $1" >&2
  tmux capture-pane -p -t "$session" >&2
  exit 1
}
shot() {
  tmux capture-pane -e -p -t "$session" >"$work/$1.ans"
  "$py" scripts/ansi2png.py "$work/$1.ans" "screenshots/$1.png"
  echo "screenshots/$1.png"
}
keys() { tmux send-keys -t "$session" "$@"; }

wait_for "valid (published)"
shot main

keys C-g; keys 22 Enter End; keys -l ' "Colour": "red",'
wait_for "CV041"
keys F8
shot errors-inline

# The local checks refuse; the service may still be asked, deliberately.
keys C-p
wait_for "submit anyway"
keys a
wait_for "Submit with 1 local error"
shot submit-anyway
keys Escape

keys End
for _ in $(seq 17); do keys BSpace; done
wait_for "valid (published)"
keys C-p
wait_for "create (no view of this name yet)"
shot submit-dialog

keys Enter
wait_for '$SAVED $LATEST'
shot publish-result

keys F1
wait_for "Help (Esc closes"
shot help-overlay
keys Escape

# Sample data: a set made from the view's inputs, then a value of the wrong shape.
keys F4 C-n
wait_for "New sample data set"
keys Enter
wait_for 'fits the inputs'
keys C-g; keys 2 Enter End
for _ in $(seq 14); do keys BSpace; done
keys -l '{"Total": 42}'
wait_for 'data `default`: 1 error'
shot sample-data
keys C-q
wait_for "quit without saving"
keys q

# The preview beside the editor at 200 columns, a press, and a submit refused field by field.
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 200 -y 50 \
  "cd $work && CONNECT_VIEWS_DB=$work/db.sqlite3 CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit order-cards.view.json"
wait_for "Issue a refund"
# The cursor on the second card: marked in the preview's gutter.
keys C-g; keys 43 Enter
wait_for "43:1"
shot preview
keys Tab Down Enter
wait_for "Branch Reship"
shot preview-press
keys C-q
sleep 0.5
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 200 -y 50 \
  "cd $work && CONNECT_VIEWS_DB=$work/db.sqlite3 CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit callback-form.view.json"
wait_for "valid (published)"
keys Tab Up Enter
wait_for "Submit refused"
shot preview-field-errors
# A lone Esc, not the start of the next key's escape sequence.
keys Escape; sleep 0.3

# The outline with the inspector of the field under the cursor, the palette, completion.
keys BTab
keys C-f; keys -l 'phone_field'; keys Enter
keys F10
wait_for "Inspector · FormInput phone_field"
keys Tab
shot outline-inspector
keys C-o; keys -l 'crd'
wait_for "Component palette"
shot palette
keys Escape; sleep 0.3
keys Tab
# The search prompt starts from the last pattern: clear it first.
keys C-f; for _ in $(seq 11); do keys BSpace; done; keys -l 'DatePicker'; keys Enter
keys C-Space
wait_for " of "
shot completion
keys Escape
keys C-q

# No-code editing: a list's items as rows of fields, the condition builder with the preview
# drawing the condition as it is built, and page settings.
sleep 0.5
tmux kill-session -t "$session" 2>/dev/null || true
tmux new-session -d -s "$session" -x 200 -y 50 \
  "cd $work && CONNECT_VIEWS_DB=$work/db.sqlite3 CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit callback-form.view.json"
wait_for "valid (published)"
keys C-f; keys -l 'reason_field'; keys Enter
keys F10
wait_for "Inspector · Dropdown reason_field"
# Focus goes outline, inspector, editor, preview, actions, status.
keys Tab
keys Down Down Enter Down Enter
wait_for '"billing"'
shot list-editor
keys Tab
keys C-f; for _ in $(seq 12); do keys BSpace; done; keys -l 'form_buttons'; keys Enter
for _ in $(seq 5); do keys Tab; done
wait_for "Inspector · ButtonGroup form_buttons"
keys End Enter
wait_for "Visibility of form_buttons, when:"
keys Tab Tab Right
wait_for "draft condition"
shot condition-builder
keys Escape; sleep 0.3
keys M-p
wait_for "Page settings"
shot page-settings
keys Escape; sleep 0.3
keys C-q

# The instance as a workspace: the browser, the buffer against $LATEST, a promotion's plan.
# Two local endpoints stand for a test and a protected prod environment.
sleep 0.5
tmux kill-session -t "$session" 2>/dev/null || true
"$bin" serve --listen 127.0.0.1:18787 --db "$work/test.sqlite3" --instance aaaaaaaa-1111-4111-8111-111111111111 >/dev/null 2>&1 & pids+=($!)
"$bin" serve --listen 127.0.0.1:18788 --db "$work/prod.sqlite3" --instance bbbbbbbb-2222-4222-8222-222222222222 >/dev/null 2>&1 & pids+=($!)
cat >"$work/connect-views.toml" <<'TOML'
[env.test]
endpoint_url = "http://127.0.0.1:18787"
instance_id = "aaaaaaaa-1111-4111-8111-111111111111"

[env.prod]
endpoint_url = "http://127.0.0.1:18788"
instance_id = "bbbbbbbb-2222-4222-8222-222222222222"
protected = true
TOML
sleep 1
(cd "$work" && for f in order-cards callback-form; do
  CONNECT_VIEWS_CONFIG_DIR=$work/config "$bin" push "$f.view.json" --publish --env test >/dev/null
done)
tmux new-session -d -s "$session" -x 160 -y 40 \
  "cd $work && CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit order-cards.view.json --env test"
wait_for "valid (published)"
keys F12
wait_for "Callback"
keys Right
wait_for "numbered versions"
shot browser
keys Escape; sleep 0.3
keys Escape; sleep 0.3
# The buffer moves on: a heading changed, a card moved last; then compared with $LATEST.
keys C-f; keys -l 'Issue a refund'; keys Enter
keys -l 'Refund now'
for _ in $(seq 14); do keys Delete; done
wait_for "valid (published)"
keys F10
wait_for "Outline (5)"
keys M-Down
wait_for "move "
keys M-c
wait_for "Compare the buffer"
keys Enter
wait_for "buffer (2)"
shot component-diff
keys C-z C-z
keys F12
wait_for "Callback"
keys C-t
wait_for "Promote to the environment"
keys -l prod; keys Enter
wait_for "plan: test"
shot promotion-plan
keys Escape; sleep 0.3
keys Escape; sleep 0.3
keys C-q

# A view in context: a flow on test shows the callback form and reads its phone field; the
# buffer renames the field. The Used-by pane names the flow it breaks, and so does the
# submit dialog.
sleep 0.5
tmux kill-session -t "$session" 2>/dev/null || true
arn="$(cd "$work" && CONNECT_VIEWS_CONFIG_DIR=$work/config "$bin" describe "Callback request" --env test --output json \
  | "$py" -c 'import json,sys; print(json.load(sys.stdin)["view"]["arn"])')"
"$py" - "$arn" >"$work/callback-flow.json" <<'PY'
import json, sys
arn = sys.argv[1]
print(json.dumps({"Version": "2019-10-30", "StartAction": "show", "Actions": [
    {"Identifier": "show", "Type": "ShowView",
     "Parameters": {"ViewResource": {"Id": arn + ":$LATEST"}, "InvocationTimeLimitSeconds": "300",
                    "ViewData": {"PhoneNumber": "$.Customer.PhoneNumber", "Instructions": "Ask for a time"}},
     "Transitions": {"NextAction": "bye",
                     "Conditions": [{"NextAction": "save", "Condition": {"Operator": "Equals", "Operands": ["Submit"]}},
                                    {"NextAction": "bye", "Condition": {"Operator": "Equals", "Operands": ["Cancel"]}}],
                     "Errors": [{"NextAction": "bye", "ErrorType": "NoMatchingCondition"},
                                {"NextAction": "bye", "ErrorType": "NoMatchingError"},
                                {"NextAction": "bye", "ErrorType": "TimeLimitExceeded"}]}},
    {"Identifier": "save", "Type": "UpdateContactAttributes",
     "Parameters": {"Attributes": {"callbackPhone": "$.Views.ViewResultData.phone"}, "TargetContact": "Current"},
     "Transitions": {"NextAction": "bye"}},
    {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}]}))
PY
# The AWS CLI (pip's, as the README's test command installs it) makes the flow.
AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_EC2_METADATA_DISABLED=true python3 -m awscli connect create-contact-flow \
  --endpoint-url http://127.0.0.1:18787 --region us-east-1 --instance-id aaaaaaaa-1111-4111-8111-111111111111 \
  --name "Schedule callback" --type CONTACT_FLOW --content "file://$work/callback-flow.json" >/dev/null
tmux new-session -d -s "$session" -x 160 -y 40 \
  "cd $work && CONNECT_VIEWS_CONFIG_DIR=$work/config $bin edit callback-form.view.json --env test"
wait_for "valid (published)"
keys C-f; keys -l '"Name": "phone"'; keys Enter
for _ in $(seq 15); do keys Delete; done
keys -l '"Name": "mobile"'
wait_for "valid (published)"
keys F11
wait_for "Used by (0 hold, 1 break"
keys Enter
wait_for "reads phone, not submitted"
shot used-by
keys Escape; sleep 0.3
keys C-p
wait_for "breaks flow Schedule callback"
keys Enter
wait_for "it would break flow Schedule callback"
shot submit-breaking
keys Escape; sleep 0.3
keys C-q
wait_for "quit without saving"
keys q
