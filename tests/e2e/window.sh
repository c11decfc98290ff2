#!/usr/bin/env bash
# End to end in a real window: the real claimdesk binary under Xvfb with a window manager
# (openbox; without one the app gets no keyboard focus), driven by xdotool as a new user:
# fresh settings → type a reviewer name → Enter → J, 2, A, type an attributed-to, Enter,
# Ctrl+S; then `claimdesk list --json` must show that reviewer's verdict and attributed-to.
# Then the window is resized to 1024×700 and a screenshot taken. Fails on any panic, if the
# window never appears, or if the app does not exit cleanly.
#
# Usage: tests/e2e/window.sh [BINARY] [SCREENSHOT.png]
# Needs: Xvfb, openbox, xdotool, x11-utils (xdpyinfo, xprop), imagemagick (import).
set -euo pipefail
bin=$(realpath "${1:-target/debug/claimdesk}")
shot=${2:-target/e2e-1024x700.png}
name="Dana Reviewer"
source_name="Ukraine's general staff"

work=$(mktemp -d)
display=":$((90 + RANDOM % 100))"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "e2e: FAILED: $*"
  echo "--- app log ---"; cat "$work/app.log" 2>/dev/null || true
  exit 1
}

Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
openbox >/dev/null 2>&1 &
pids+=($!)
# The window manager is ready when it names itself on the root window.
for _ in $(seq 50); do
  xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
  sleep 0.1
done

cp projects/nato-chief-kyiv.ron "$work/p.ron"
mkdir -p "$work/home" "$work/run"
chmod 700 "$work/run"
HOME="$work/home" XDG_RUNTIME_DIR="$work/run" CLAIMDESK_DATA_DIR="$work/data" \
  CLAIMDESK_NO_NATIVE_DIALOGS=1 "$bin" "$work/p.ron" >"$work/app.log" 2>&1 &
app=$!
pids+=($app)

win=""
for _ in $(seq 100); do
  win=$(xdotool search --name 'claimdesk' 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
  kill -0 "$app" 2>/dev/null || fail "the app exited before its window appeared"
  sleep 0.2
done
[ -n "$win" ] || fail "the window never appeared"
xdotool windowmove --sync "$win" 0 0 2>/dev/null || true
# Keys go to the focused window: wait until it is ours (a slow machine takes a moment).
for _ in $(seq 50); do
  xdotool windowactivate --sync "$win" 2>/dev/null || true
  [ "$(xdotool getwindowfocus 2>/dev/null)" = "$win" ] && break
  sleep 0.2
done
[ "$(xdotool getwindowfocus 2>/dev/null)" = "$win" ] || fail "the window never got the keyboard focus"
sleep 1.5

# First run: the name prompt has the keyboard.
xdotool type --delay 40 "$name"
xdotool key Return
sleep 0.5
# J: claim 2; 2: attributed-only; A: attributed-to field.
xdotool key j; sleep 0.3
xdotool key 2; sleep 0.3
xdotool key a; sleep 0.3
xdotool type --delay 30 "$source_name"
xdotool key Return; sleep 0.3
xdotool key ctrl+s

listed=""
for _ in $(seq 50); do
  sleep 0.2
  listed=$("$bin" list "$work/p.ron" --json 2>/dev/null || true)
  if printf '%s' "$listed" | python3 -c '
import json, sys
name, source = sys.argv[1], sys.argv[2]
claims = json.load(sys.stdin)
c = claims[1]
ok = c["verdicts"].get(name) == "attributed-only" and c.get("attributed_to", {}).get(name) == source
sys.exit(0 if ok else 1)' "$name" "$source_name" 2>/dev/null; then
    echo "e2e: claim 2 saved as attributed-only, attributed to $source_name, by $name"
    break
  fi
  listed=""
done
[ -n "$listed" ] || fail "the saved file does not hold $name's verdict and attributed-to"

xdotool windowsize "$win" 1024 700
sleep 1
mkdir -p "$(dirname "$shot")"
import -window "$win" "$shot"
echo "e2e: screenshot at 1024x700 in $shot"

xdotool key ctrl+q
for _ in $(seq 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app" 2>/dev/null; then fail "the app did not exit after Ctrl+Q"; fi
status=0
wait "$app" || status=$?
[ "$status" -eq 0 ] || fail "the app exited with status $status"
if grep -q "panicked" "$work/app.log"; then fail "the app panicked"; fi
echo "e2e: real window: 1 passed, 0 failed"
