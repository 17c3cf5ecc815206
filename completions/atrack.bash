# bash completion for atrack(1)                          -*- shell-script -*-
#
# Commands, verbs and options come from the program's own --help output at
# completion time, so they stay true to the atrack being run. Status codes
# and slugs come from the database in use (--db on the command line, else
# $ATRACK_DB, else $XDG_DATA_HOME/atrack/atrack.db or
# ~/.local/share/atrack/atrack.db); when that file does not exist nothing is
# offered and nothing is created.

# The atrack to ask: the one being completed when it can be run, else PATH's.
_atrack_program()
{
    local prog=${COMP_WORDS[0]}
    prog=${prog/#\~/$HOME}
    if [[ $prog == */* && -x $prog ]]; then
        printf '%s\n' "$prog"
    else
        printf '%s\n' atrack
    fi
}

# The database path the command line would use, printed only if it exists.
_atrack_database()
{
    local i path=
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        case ${COMP_WORDS[i]} in
        --db)
            path=${COMP_WORDS[i + 1]-}
            # readline splits "--db=PATH" into "--db" "=" "PATH".
            [[ $path == = ]] && path=${COMP_WORDS[i + 2]-} ;;
        --db=*) path=${COMP_WORDS[i]#--db=} ;;
        esac
    done
    if [[ -z $path ]]; then
        if [[ -n ${ATRACK_DB-} ]]; then
            path=$ATRACK_DB
        elif [[ ${XDG_DATA_HOME-} == /* ]]; then
            path=$XDG_DATA_HOME/atrack/atrack.db
        elif [[ -n ${HOME-} ]]; then
            path=$HOME/.local/share/atrack/atrack.db
        fi
    fi
    path=${path/#\~/$HOME}
    [[ -n $path && -f $path ]] && printf '%s\n' "$path"
}

# `atrack ARGS --help`, quietly.
_atrack_help()
{
    "$(_atrack_program)" "$@" --help 2>/dev/null </dev/null
}

# The words listed under a heading ("commands:", "verbs:") of a help text.
_atrack_help_list()
{
    local heading=$1
    shift
    _atrack_help "$@" | awk -v h="$heading" '
        $0 == h { on = 1; next }
        on && /^$/ { exit }
        on && /^  [a-z]/ { print $1 }'
}

# The options of a help text, one per line: the long name, the value it
# takes ("CODE", or "-" for a flag) and the short name ("-" for none).
_atrack_help_options()
{
    _atrack_help "$@" | awk '
        /^  +(-[a-zA-Z], )?--[a-z]/ {
            short = "-"
            if ($1 ~ /^-[a-zA-Z],$/) { short = substr($1, 1, 2); $1 = ""; $0 = $0 }
            print $1, ($2 ~ /^[A-Z][A-Z|]*$/ ? $2 : "-"), short
        }'
}

# The names (long and short) of the options of a help text that take a
# value, on one line.
_atrack_value_options()
{
    _atrack_help_options "$@" | awk '$2 != "-" { printf "%s ", $1; if ($3 != "-") printf "%s ", $3 }'
}

# A JSON string member's values from `atrack --json ARGS` on the database
# in use: the "slug"s of a list, the "code"s of the status vocabulary.
_atrack_json_values()
{
    local key=$1 db
    shift
    db=$(_atrack_database) || return 0
    "$(_atrack_program)" --db "$db" --json "$@" 2>/dev/null </dev/null |
        sed -n "s/^ *\"$key\": \"\\([^\"]*\\)\".*/\\1/p"
}

# Set COMPREPLY to the words of $1 (split at white space, nothing else)
# that begin with $2. The words may come from a database someone else
# made: compgen -W would expand $(...), `...` and $VAR in them, and an
# unquoted COMPREPLY=($(...)) would glob them, so neither is used; a word
# with a character the shell treats specially is offered quoted.
_atrack_offer()
{
    local word
    local -a words=()
    COMPREPLY=()
    IFS=$' \t\n' read -r -d '' -a words <<<"$1"
    for word in "${words[@]}"; do
        [[ $word == "$2"* ]] || continue
        [[ $word == *[!A-Za-z0-9._/:=@%+,-]* ]] && printf -v word '%q' "$word"
        COMPREPLY+=("$word")
    done
}

_atrack_slugs()
{
    case $1 in
    initiative | meeting | framework | party | person | section | exercise | focus-area | document)
        _atrack_json_values slug "$1" list ;;
    focus_area)
        _atrack_json_values slug focus-area list ;;
    status)
        _atrack_json_values code status-code list ;;
    esac
}

_atrack()
{
    local cur=${COMP_WORDS[COMP_CWORD]}
    local prev=${COMP_WORDS[COMP_CWORD - 1]-}
    COMPREPLY=()
    # readline splits "--opt=VALUE" at the "=" (COMP_WORDBREAKS): complete
    # the value of --opt.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]]; then
        prev=${COMP_WORDS[COMP_CWORD - 2]-}
    fi

    # Find the command word and, for a noun, its verb; collect the
    # positional words after them. --db and --author take a value anywhere.
    local i word command= verb= verbs= valopts=
    local -a positional=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        case $word in
        --db | --author)
            ((i++))
            [[ ${COMP_WORDS[i]-} == = ]] && ((i++))
            continue ;;
        =) ((i++)); continue ;; # "--opt" "=" "VALUE"
        -*)
            # An option of the command that takes a value: skip the value.
            [[ " $valopts " == *" $word "* && ${COMP_WORDS[i + 1]-} != = ]] && ((i++))
            continue ;;
        esac
        if [[ -z $command ]]; then
            command=$word
            verbs=$(_atrack_help_list verbs: "$command")
            [[ -z $verbs ]] && valopts=$(_atrack_value_options "$command")
        elif [[ -n $verbs && -z $verb ]]; then
            verb=$word
            valopts=$(_atrack_value_options "$command" "$verb")
        else
            positional+=("$word")
        fi
    done

    local -a helpargs=()
    [[ -n $command ]] && helpargs+=("$command")
    [[ -n $verb ]] && helpargs+=("$verb")

    # The value of an option.
    if [[ $prev == -* && $prev != *=* ]]; then
        local option= arg= short
        case $prev in
        --db) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
        --author) return ;;
        esac
        if [[ -n $command ]]; then
            while read -r option arg short; do
                [[ $option == "$prev" || $short == "$prev" ]] && break
                option= arg=
            done < <(_atrack_help_options "${helpargs[@]}")
        fi
        if [[ -n $option && $arg != - ]]; then
            prev=$option
            local values=
            case $prev in
            --status) values=$(_atrack_slugs status) ;;
            --health) values="on_track at_risk off_track" ;;
            --format)
                case $command in
                export) values="json" ;;
                import) values="factsheet json" ;;
                *) values="text md html csv json" ;;
                esac ;;
            --order) values="position title last-update status" ;;
            --section | --framework | --party | --meeting | --person | --document)
                values=$(_atrack_slugs "${prev#--}") ;;
            --evidence) values=$(_atrack_slugs document) ;;
            --id)
                local k
                for ((k = 1; k < COMP_CWORD; k++)); do
                    [[ ${COMP_WORDS[k]} == --kind || ${COMP_WORDS[k]} == -k ]] &&
                        values=$(_atrack_slugs "${COMP_WORDS[k + 1]}")
                done ;;
            --kind | -k)
                if [[ $command == log ]]; then
                    values="party person meeting participant document section initiative framework focus_area exercise update status"
                else # "one of A B C" in the option's help line
                    values=$(_atrack_help "${helpargs[@]}" |
                        sed -n "s/^ *--kind KIND *one of //p")
                fi ;;
            -o | --output) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
            esac
            _atrack_offer "$values" "$cur"
            return
        fi
    fi

    # Options.
    if [[ $cur == -* ]]; then
        local options
        if [[ -z $command ]]; then
            options="--db --json --author --help --version"
        else
            # Each once: a command's own option may share a global's name.
            options=$(_atrack_help_options "${helpargs[@]}" | awk '!seen[$1]++ {print $1}')
        fi
        _atrack_offer "$options" "$cur"
        return
    fi

    # Words.
    if [[ -z $command ]]; then
        _atrack_offer "$(_atrack_help_list commands:)" "$cur"
    elif [[ -n $verbs && -z $verb ]]; then
        _atrack_offer "$verbs" "$cur"
    else
        local n=${#positional[@]}
        case $command in
        import | backup)
            compopt -o filenames 2>/dev/null
            mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
        link | unlink)
            local kinds="initiative framework party exercise document focus-area meeting"
            if ((n % 2 == 0 && n < 4)); then
                _atrack_offer "$kinds" "$cur"
            elif ((n < 4)); then
                _atrack_offer "$(_atrack_slugs "${positional[n - 1]}")" "$cur"
            fi ;;
        update)
            [[ ($verb == add || $verb == list) && $n -eq 0 ]] &&
                _atrack_offer "$(_atrack_slugs initiative)" "$cur" ;;
        *)
            [[ ($verb == show || $verb == edit || $verb == rm) && $n -eq 0 ]] &&
                _atrack_offer "$(_atrack_slugs "$command")" "$cur" ;;
        esac
    fi
} &&
    complete -F _atrack atrack
