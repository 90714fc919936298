#!/usr/bin/env bash
# issue 14: Ctrl+C during `trekkaart export --video` leaves no partial file: exit code 130, no talk.mp4, no
# temporary file, and an existing video is untouched. Usage: video_cancel.sh TREKKAART_BINARY DECK
set -u
bin=$1 deck=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "video_cancel: $*" >&2; cat "$dir/err" >&2; exit 1; }

run_and_interrupt() {  # $1: output file
    "$bin" export --scene "$deck" --video "$1" --size 320x180 --fps 30 --seconds-per-scene 20 2>"$dir/err" &
    local pid=$!
    for _ in $(seq 1 600); do  # up to 60 s for the data, the GL and the first 10 % of the frames
        grep -q "%" "$dir/err" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    grep -q "%" "$dir/err" || fail "no progress line before the end"
    kill -INT "$pid"
    wait "$pid"
    code=$?
}

run_and_interrupt "$dir/talk.mp4"
[ "$code" -eq 130 ] || fail "exit code $code, expected 130"
grep -q "cancelled" "$dir/err" || fail "no 'cancelled' message"
[ -z "$(ls -A "$dir" | grep -v '^err$')" ] || fail "files left behind: $(ls "$dir")"

echo "the previous talk" > "$dir/old.mp4"
run_and_interrupt "$dir/old.mp4"
[ "$code" -eq 130 ] || fail "exit code $code, expected 130"
[ "$(cat "$dir/old.mp4")" = "the previous talk" ] || fail "the existing video was changed"
[ "$(ls -A "$dir" | grep -v '^err$')" = "old.mp4" ] || fail "files left behind: $(ls "$dir")"
echo "video_cancel: ok"
