#!/usr/bin/env bash
# terminal.sh - the board and tables in a terminal: at COLUMNS=80 the board
# keeps its id, slug, status, health, last update and title columns, drops
# the rest by priority rather than cutting every column, never cuts a
# date, fits 80 columns; --wide shows every column; LANG=C gives ASCII
# only (no "…", no Hangul bytes).
# Usage: terminal.sh ATRACK_BINARY
set -u
atrack=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work" ATRACK_DB="$work/a.db" XDG_DATA_HOME= ATRACK_AUTHOR=tester
unset LC_ALL LC_CTYPE
fail() { echo "FAIL: $*"; exit 1; }
run() { "$atrack" "$@" || fail "atrack $*: exit $?"; }

run init >/dev/null
run initiative add --title "Enhancing extended deterrence cooperation through the Nuclear Consultative Group's workstreams" \
	--slug enhancing-extended-deterrence-cooperation-through-ncg --target-date 2025-06-30 \
	--created-at 2024-10-30T09:00:00.000Z >/dev/null
run initiative add --title "김용현 Kim Yong Hyun 국방부 장관 회담 후속 조치" --slug kim-follow-up \
	--created-at 2026-11-20T09:00:00.000Z >/dev/null

COLUMNS=80 LANG=C run status >"$work/board"
head -1 "$work/board" | grep -qx 'id  initiative *status *health *last update *title' ||
	fail "80 columns: header is not id, initiative, status, health, last update, title: $(head -1 "$work/board")"
grep -qx '1   enhancing-extended-d~  announced  -       2024-10-30   Enhancing extended d~' "$work/board" ||
	fail "80 columns: row 1 wrong: $(cat "$work/board")"
grep -q '2024-10-30' "$work/board" || fail "80 columns: a date was cut"
grep -q '2026-11-20' "$work/board" || fail "80 columns: a date was cut"
while IFS= read -r line; do
	[ "${#line}" -le 80 ] || fail "80 columns: line of ${#line}: $line"
done <"$work/board"
if LC_ALL=C grep -q '[^ -~]' "$work/board"; then fail "LANG=C: non-ASCII output: $(cat -v "$work/board")"; fi
grep -qx '2   kim-follow-up          announced  -       2026-11-20   ??? Kim Yong Hyun ??~' "$work/board" || fail "LANG=C: Hangul not shown as ?: $(cat "$work/board")"

COLUMNS=80 LANG=C run status --wide >"$work/wide"
head -1 "$work/wide" | grep -q 'days  target      overdue  stale  meeting  title' ||
	fail "--wide: not every column: $(head -1 "$work/wide")"
grep -q "Nuclear Consultative Group's workstreams$" "$work/wide" || fail "--wide: title cut"

COLUMNS=80 LANG=C.UTF-8 run status >"$work/utf8"
grep -q '김용현 Kim Yong Hyun' "$work/utf8" || fail "UTF-8: Hangul lost"
grep -q '…' "$work/utf8" || fail "UTF-8: a cut title ends without …"
echo "terminal: the board fits 80 columns, drops columns by priority, ASCII under LANG=C"

# A unique prefix of a slug names the thing; a miss suggests the nearest.
run initiative add --title "Enhancing alliance science" --slug enhancing-alliance-science >/dev/null
"$atrack" initiative show enhancing-ext >"$work/show" 2>"$work/err" || fail "prefix: exit $?: $(cat "$work/err")"
grep -q '^slug               enhancing-extended-deterrence-cooperation-through-ncg$' "$work/show" ||
	fail "prefix: wrong initiative: $(head -3 "$work/show")"
"$atrack" initiative show enhancing >/dev/null 2>"$work/err" && fail "ambiguous prefix accepted"
grep -qx "atrack: 'enhancing' starts several: enhancing-extended-deterrence-cooperation-through-ncg, enhancing-alliance-science" "$work/err" ||
	grep -qx "atrack: 'enhancing' starts several: enhancing-alliance-science, enhancing-extended-deterrence-cooperation-through-ncg" "$work/err" ||
	fail "ambiguous prefix: $(cat "$work/err")"
"$atrack" initiative show kim-folow-up >/dev/null 2>"$work/err"
[ $? = 3 ] || fail "a miss is not exit 3"
grep -qx "atrack: no 'kim-folow-up'; did you mean kim-follow-up?" "$work/err" || fail "no suggestion: $(cat "$work/err")"
echo "terminal: slug prefixes and suggestions"

# A note without a status change keeps the current status; relative dates.
run update add kim-follow-up --status planned --date 2026-11-25 >/dev/null
run note kim-follow-up "Working level talks held" --date yesterday --health on_track >"$work/out"
yesterday=$(date -u -d yesterday +%F)
grep -qx "added update [0-9]*: kim-follow-up planned on $yesterday" "$work/out" ||
	fail "note: $(cat "$work/out")"
run update add kim-follow-up --note "Follow-up visit" --date -3d >"$work/out"
grep -qx "added update [0-9]*: kim-follow-up planned on $(date -u -d '3 days ago' +%F)" "$work/out" ||
	fail "update add --note alone: $(cat "$work/out")"
"$atrack" update add kim-follow-up --date today >/dev/null 2>&1 && fail "update add with neither status nor note accepted"
LANG=C.UTF-8 run --json initiative show kim-follow-up | grep -q '"status": "planned"' || fail "note changed the status"
echo "terminal: notes keep the status; relative dates"

# status-code edit and rm; rm is refused while in use, and for built-ins.
run status-code add on_hold --label "On hold" >/dev/null
run status-code edit on_hold --label "Paused" --order 35 >/dev/null
LANG=C.UTF-8 run status-code list | grep -qE '^on_hold +Paused +35 +no +no$' || fail "status-code edit did not take"
run update add kim-follow-up --status on_hold --date 2026-11-26 >/dev/null
before=$(LANG=C.UTF-8 "$atrack" --json status-code list; sha256sum <"$ATRACK_DB")
"$atrack" status-code rm on_hold 2>"$work/err"; rc=$?
[ $rc = 5 ] || fail "status-code rm of a code in use: exit $rc"
grep -qx "atrack: status-code rm: status 'on_hold' is used by 1 update" "$work/err" || fail "rm in use: $(cat "$work/err")"
"$atrack" status-code rm completed 2>"$work/err"; rc=$?
[ $rc = 5 ] || fail "status-code rm of a built-in: exit $rc"
after=$(LANG=C.UTF-8 "$atrack" --json status-code list; sha256sum <"$ATRACK_DB")
[ "$before" = "$after" ] || fail "a refused rm changed the database"
run status-code add spare --label Spare >/dev/null
run status-code rm spare | grep -qx "removed status 'spare'" || fail "rm of an unused code"
"$atrack" status-code rm spare 2>/dev/null; [ $? = 3 ] || fail "rm of a removed code is not exit 3"
echo "terminal: status-code edit and rm"

# The text report follows the locale too, and fits $COLUMNS.
COLUMNS=80 LANG=C run report >"$work/report"
if LC_ALL=C grep -q '[^ -~]' "$work/report"; then fail "LANG=C report: non-ASCII: $(grep -n '[^ -~]' "$work/report" | cat -v | head -3)"; fi
grep -q '^    `- ' "$work/report" || fail "LANG=C report: no ASCII note marker"
grep -q '^  ?????? Kim Yong Hyun' "$work/report" || grep -q '^  ?????? Kim' "$work/report" || fail "LANG=C report: Hangul not as ?"
while IFS= read -r line; do
	[ "${#line}" -le 80 ] || fail "report at 80 columns: line of ${#line}: $line"
done <"$work/report"
COLUMNS=80 LANG=C.UTF-8 run report | grep -q '└ ' || fail "UTF-8 report lost its └"
echo "terminal: the text report is ASCII under LANG=C"
