#!/usr/bin/env bash
# escapes.sh - text from the database never reaches the terminal raw: a
# title, label, note and author carrying ESC, BEL, CSI and C1 controls are
# shown by every human-readable command (status, initiative list/show,
# update list/show, log, status-code list, report) with each control as a
# space, while --json keeps the text as it was stored.
# Usage: escapes.sh ATRACK_BINARY
set -u
atrack=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" ATRACK_DB="$work/a.db" XDG_DATA_HOME= COLUMNS=80 LANG=C
fail() { echo "FAIL: $*"; exit 1; }
esc=$'\x1b' bel=$'\x07' c1=$'\xc2\x9b'
export ATRACK_AUTHOR="mal${esc}[2Jlory"

"$atrack" init >/dev/null || fail "init"
"$atrack" initiative add --title "Evil${esc}]0;pwned${bel} ${esc}[31mred" --slug evil >/dev/null ||
	fail "initiative add"
"$atrack" status-code add odd --label "Odd${esc}[2Jlabel" >/dev/null || fail "status-code add"
"$atrack" update add evil --status planned --date 2026-11-01 \
	--note "no${esc}[5mte${c1}x${bel}" >/dev/null || fail "update add"

check() {
	local name=$1 want=$2
	shift 2
	"$@" >"$work/out" 2>"$work/err" || fail "$name: exit $?: $(cat "$work/err")"
	# No C0 control but line feed, no DEL, no C1 (as UTF-8 or as a byte).
	if LC_ALL=C grep -qP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$work/out"; then
		fail "$name: a control character reached the output: $(cat -v "$work/out")"
	fi
	grep -qF -- "$want" "$work/out" || fail "$name: '$want' not in: $(cat -v "$work/out")"
}
check status "Evil ]0;pwned   [31mred" "$atrack" status
check "initiative list" "Evil ]0;pwned" "$atrack" initiative list
check "initiative show" "title              Evil ]0;pwned   [31mred" "$atrack" initiative show evil
check "update list" "no [5mte x" "$atrack" update list
check "update show" "note          no [5mte x " "$atrack" update show 2
check "update show author" "author        mal [2Jlory" "$atrack" update show 2
check log "mal [2Jlory" "$atrack" log
check "status-code list" "Odd [2Jlabel" "$atrack" status-code list
check "report" "Evil ]0;pwned" "$atrack" report --format text
# JSON is for programs: the text as stored, escaped by JSON's own rules.
"$atrack" --json initiative show evil | grep -qF 'Evil\u001B]0;pwned\u0007' ||
	fail "--json lost the stored text"
echo "escapes: every human-readable output replaced the control characters"
