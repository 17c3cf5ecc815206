#!/usr/bin/env bash
# test_completion.sh - completions/atrack.bash, sourced in bash and called
# the way readline does (COMP_WORDS, COMP_CWORD): every command of
# `atrack --help` is offered, verbs and options come from the program, and
# slugs and status codes come from the database in use (--db or $ATRACK_DB)
# without creating one that is missing.
# Usage: test_completion.sh ATRACK COMPLETION_FILE
set -uo pipefail
atrack=$1
# shellcheck source=../completions/atrack.bash
source "$2"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/test.db
"$atrack" --db "$db" import >/dev/null || { echo "FAIL: import"; exit 1; }
unset ATRACK_DB
export HOME=$work/home XDG_DATA_HOME=

failures=0
# complete LINE...: complete the last word of the words given ('' for an
# empty word), leaving the sorted offers in $got, one per line.
complete_words() {
	COMP_WORDS=("$atrack" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_atrack
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort)
}
# expect NAME WANT: $got must equal WANT (sorted lines).
expect() {
	local want
	want=$(printf '%s\n' $2 | sed '/^$/d' | sort)
	if [ "$got" = "$want" ]; then
		echo "ok: $1"
	else
		echo "FAIL: $1"; diff <(echo "$want") <(echo "$got") | sed 's/^/    /'
		failures=$((failures + 1))
	fi
}
# expect_has NAME WORD...: each WORD is among the offers.
expect_has() {
	local name=$1 word missing=
	shift
	for word in "$@"; do grep -qx -- "$word" <<<"$got" || missing+=" $word"; done
	if [ -z "$missing" ]; then echo "ok: $name"
	else echo "FAIL: $name: missing$missing (got: $(echo $got))"; failures=$((failures + 1)); fi
}

commands=$("$atrack" --help | awk '/^commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}')
[ "$(wc -l <<<"$commands")" -ge 20 ] || { echo "FAIL: cannot read the commands"; exit 1; }
complete_words ''
expect "every command of 'atrack --help'" "$commands"
complete_words --db "$db" up
expect "a command from its prefix" "update"
complete_words initiative ''
expect "a noun's verbs" "list show add edit rm"
complete_words status-code ''
expect "status-code's verbs" "add list edit rm"
complete_words --
expect "global options before a command" "--db --json --author --help --version"
complete_words update add --he
expect "an option of a verb" "--health --help"
complete_words report --f
expect "an option of a command" "--format --framework"
# Their own --author filters (repeatable) shadow the global one: offered once.
complete_words update list --au
expect "update list: its --author, once" "--author"
complete_words log --au
expect "log: its --author, once" "--author"
complete_words log --author alice --au
expect "log: --author again after one" "--author"

slugs=$("$atrack" --db "$db" --json initiative list | sed -n 's/^      "slug": "\(.*\)",$/\1/p')
[ "$(wc -l <<<"$slugs")" -eq 7 ] || { echo "FAIL: cannot read the slugs"; exit 1; }
complete_words --db "$db" update add ''
expect "update add <TAB>: initiative slugs (--db)" "$slugs"
ATRACK_DB=$db complete_words update add ''
expect "update add <TAB>: initiative slugs (\$ATRACK_DB)" "$slugs"
complete_words --db="$db" update add enhancing-
expect "initiative slugs from a prefix" "$(grep '^enhancing-' <<<"$slugs")"
complete_words --db "$db" initiative show ''
expect "initiative show <TAB>" "$slugs"

codes=$("$atrack" --db "$db" --json status-code list | sed -n 's/^      "code": "\(.*\)",$/\1/p')
complete_words --db "$db" update add ncg --status ''
expect "--status <TAB>: the status codes" "$codes"
expect_has "the built-in codes" announced in_progress completed cancelled
ATRACK_DB=$db complete_words status --status in
expect "--status in<TAB>" "in_progress"
complete_words --db "$db" update add ncg -s ''
expect "-s <TAB>: the status codes" "$codes"

complete_words update add ncg --health ''
expect "--health <TAB>" "on_track at_risk off_track"
complete_words report --format ''
expect "--format <TAB>" "text md html csv json"
complete_words party add --kind ''
expect "party add --kind <TAB>: the choices from --help" "country organisation other"
complete_words --db "$db" initiative list --framework ''
expect "--framework <TAB>: framework slugs" \
	"$("$atrack" --db "$db" --json framework list | sed -n 's/^      "slug": "\(.*\)",$/\1/p')"
complete_words link ''
expect "link <TAB>: kinds" "initiative framework party exercise document focus-area meeting"
complete_words --db "$db" link initiative ''
expect "link initiative <TAB>: initiative slugs" "$slugs"

# readline splits "--opt=VALUE" into "--opt" "=" "VALUE".
complete_words --db = "$db" update add ''
expect "--db=PATH as readline splits it" "$slugs"
complete_words --db "$db" update add ncg --status = ''
expect "--status=<TAB>" "$codes"
complete_words --db "$db" update add ncg --status = in
expect "--status=in<TAB>" "in_progress"
complete_words --db "$db" update add --note = x ''
expect "a value given with = is not a verb's argument" "$slugs"
complete_words --db "$db" update add --status in_progress -m "a note" ''
expect "option values are not the verb's arguments" "$slugs"
complete_words --db "$db" update add ncg ''
expect "nothing after the initiative" ""

complete_words --db "$work/missing.db" update add ''
expect "a missing database: nothing offered" ""
[ ! -e "$work/missing.db" ] && echo "ok: the missing database was not created" ||
	{ echo "FAIL: completion created $work/missing.db"; failures=$((failures + 1)); }
complete_words update add ''
expect "no database at the default path: nothing offered" ""
[ ! -e "$HOME" ] && echo "ok: nothing created under \$HOME" ||
	{ echo "FAIL: completion created files under \$HOME"; failures=$((failures + 1)); }

# Values from a database are data: a program that hands back a slug and a
# status code made to run commands (as a crafted database would) must not
# run them, and they are offered quoted.
fake=$work/fake-atrack
cat >"$fake" <<'FAKE'
#!/usr/bin/env bash
case " $* " in
*" --help "*) exec "$REAL_ATRACK" "$@" ;;
*" status-code list "*) printf '      "code": "%s",\n' "\$(>$WORK/pwned-code)" ;;
*" list "*) printf '      "slug": "%s",\n' "x\$(>$WORK/pwned)\`>$WORK/pwned2\`" plain-slug ;;
esac
FAKE
export REAL_ATRACK=$atrack WORK=$work
chmod +x "$fake"
COMP_WORDS=("$fake" --db "$db" update add '')
COMP_CWORD=5
COMPREPLY=()
_atrack
got=$(printf '%s\n' "${COMPREPLY[@]}" | sort)
want=$(printf '%s\n' plain-slug "$(printf '%q' 'x$(>'"$work"'/pwned)`>'"$work"'/pwned2`')" | sort)
COMP_WORDS=("$fake" --db "$db" update add ncg --status '')
COMP_CWORD=7
_atrack
if [ -e "$work/pwned" ] || [ -e "$work/pwned2" ] || [ -e "$work/pwned-code" ]; then
	echo "FAIL: a value from the database ran a command"; failures=$((failures + 1))
elif [ "$got" != "$want" ]; then
	echo "FAIL: database values offered as data, quoted"; diff <(echo "$want") <(echo "$got")
	failures=$((failures + 1))
else
	echo "ok: database values are data, offered quoted"
fi

[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
echo "completion: all ok"
