#!/usr/bin/env bash
# render_serve.sh - `atrack serve` in a real headless browser (Debian's
# chromium): the board and an initiative page load without a policy
# violation or a script error, their DOM holds the board table, the
# filters, the timeline and the form, and a title that is a script tag is
# text, never an element. With a third argument, writes screenshots of the
# board and of the initiative page into that folder. Exits 77 (skipped)
# when chromium is not installed.
# Usage: render_serve.sh ATRACK [SCREENSHOT_DIR]
set -u
atrack=$1
shots=${2:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "browser test skipped: chromium is not installed (apt-get install chromium)"
	exit 77
fi
work=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

db=$work/serve.db
slug=1 # initiative 1 by its id
"$atrack" --db "$db" import >/dev/null || fail "cannot import"
"$atrack" --db "$db" --author alice update add "$slug" --status in_progress --health at_risk \
	--percent 40 --date 2025-06-01 --note 'Tabletop exercise held; <b>next</b> in spring' \
	--evidence https://example.org/ncg >/dev/null || fail "cannot add an update"
"$atrack" --db "$db" initiative edit 7 --title '<script>alert(1)</script>' >/dev/null ||
	fail "cannot retitle"

"$atrack" --db "$db" serve --port 0 >"$work/url" 2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q 'http://' "$work/url" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/url") || fail "the server printed no URL"

run_browser() {
	# No network but the server's, no profile of the user's, no GPU.
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$work/profile-$1" --enable-logging=stderr --v=0 \
		"${@:2}" 2>"$work/browser-$1.log"
}

run_browser board --dump-dom "${url}?sort=title" >"$work/board.dom" || fail "board: chromium exited with $?"
run_browser initiative --dump-dom "${url}initiative/$slug" >"$work/initiative.dom" ||
	fail "initiative: chromium exited with $?"
for page in board initiative; do
	if grep -E "Uncaught|Refused to|CONSOLE\(.*\] \"[^\"]*[Ee]rror" "$work/browser-$page.log"; then
		fail "$page: the page logged an error"
	fi
	if grep -q '<script' "$work/$page.dom"; then fail "$page: a script element reached the DOM"; fi
done
grep -q '<table id="board">' "$work/board.dom" || fail "board: no board table in the DOM"
grep -q '<select name="sort">' "$work/board.dom" || fail "board: no sort filter"
grep -q '<option selected="">title</option>' "$work/board.dom" || fail "board: the sort is not kept"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$work/board.dom" || fail "board: the script title is not text"
grep -q 'id="timeline"' "$work/initiative.dom" || fail "initiative: no timeline"
grep -q 'Tabletop exercise held; &lt;b&gt;next&lt;/b&gt; in spring' "$work/initiative.dom" ||
	fail "initiative: the note is not shown as text"
grep -q 'id="update-form"' "$work/initiative.dom" || fail "initiative: no update form"
grep -q 'href="https://example.org/ncg"' "$work/initiative.dom" || fail "initiative: no evidence link"

if [ -n "$shots" ]; then
	mkdir -p "$shots"
	run_browser shot-board --hide-scrollbars --window-size=1280,900 \
		--screenshot="$shots/serve-board.png" "$url" >/dev/null || fail "board screenshot"
	run_browser shot-initiative --hide-scrollbars --window-size=1280,1400 \
		--screenshot="$shots/serve-initiative.png" "${url}initiative/$slug" >/dev/null ||
		fail "initiative screenshot"
fi
echo "browser: the board and an initiative page render, escaped, with no error"
