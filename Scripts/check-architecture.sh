#!/usr/bin/env bash
# The import graph of Sources/: reads every `import` line (plain, @testable, @_exported, `import struct X.Y`...) of each
# module (a folder of Sources/) and fails on any arrow the table below does not allow, and on any SQL statement outside
# the catalog types (a module's Catalog/ folder). Run by Scripts/test.sh.
#
#   Scripts/check-architecture.sh [SOURCES]     check SOURCES (default: this checkout's Sources); exit 1 on a wrong arrow
#   Scripts/check-architecture.sh --self-test   check a copy of Sources with wrong arrows added: it must fail, naming them
#
# The table is the allowed graph, one line per module: the project modules it may import ("-" for none), and the other
# modules it must never import (shell patterns, "-" for none). A module missing from the table fails the check, so a new
# module is added here with its arrows: one line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GRAPH='
# module          may import (project modules)                                       never (other modules)
S3Protocol        -                                                                  -
LabelFormats      XMLStream                                                          -
XMLStream         CLibXML2                                                           -
CLibXML2          -                                                                  -
CLibPNG           -                                                                  -
CTurboJPEG        -                                                                  -
ImageAnalysis     CLibPNG,CTurboJPEG                                                 -
S3Documents       -                                                                  -
S3RequestXML      S3Documents,XMLStream                                              -
ConnectionGuard   -                                                                  -
KeyManagement     S3Protocol                                                         -
ObjectStore       KeyManagement                                                      -
AccessControl     ObjectStore,KeyManagement                                          -
Labeling          LabelFormats,ImageAnalysis                                         AsyncHTTPClient,NIOHTTP*,NIOHTTPTypes*,Hummingbird*,HTTPTypes*
S3Client          S3Protocol,S3Documents,XMLStream                                   -
ObslabAPI         LabelFormats                                                       -
StorageAdapters   Labeling,ObjectStore,KeyManagement,AccessControl,S3Client,S3Documents Hummingbird*
S3Server          ObjectStore,KeyManagement,S3Protocol,S3Documents,S3RequestXML,ObslabAPI,AccessControl,ConnectionGuard -
LabelingServer    Labeling,LabelFormats,ObslabAPI,AccessControl,ConnectionGuard      -
ObslabServe       S3Server,LabelingServer,Labeling,StorageAdapters,ObjectStore,KeyManagement,AccessControl,ObslabAPI,ConnectionGuard,S3Protocol -
obslab            ObslabServe,ObslabAPI,S3Client,S3Documents,S3Protocol,LabelFormats -
'

# An import line: attributes (@testable, @_exported...), an access level, `import`, a kind (`import struct X.Y`).
IMPORT='^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*((public|package|internal|fileprivate|private)[[:space:]]+)?import[[:space:]]+'
KIND='((typealias|struct|class|enum|protocol|let|var|func)[[:space:]]+)?'

# A SQL statement in Swift source: each belongs in a catalog type, behind an intent method.
SQL='\b(SELECT|INSERT (OR [A-Z]+ )?INTO|UPDATE [A-Za-z_]+ SET|DELETE FROM)\b'

# The module an import line names, or nothing for a line that is not an import.
imported_module() {
    sed -nE "s/${IMPORT}${KIND}([A-Za-z_][A-Za-z0-9_]*).*/\\7/p"
}

# check SOURCES: prints each wrong arrow as `Module -> Imported (file:line): why`; exit status 1 when there is one.
check() {
    local sources=$1 failures=0 module allowed never
    declare -A may_import=() must_not=()
    while read -r module allowed never; do
        [[ -z $module || $module == \#* ]] && continue
        may_import[$module]=",${allowed/#-/}," must_not[$module]=${never/#-/}
    done <<<"$GRAPH"
    local project=()
    for dir in "$sources"/*/; do project+=("$(basename "$dir")"); done

    for module in "${project[@]}"; do
        if [[ -z ${may_import[$module]+set} ]]; then
            echo "$module: a module the graph does not know; add its line to the table in $0"
            failures=$((failures + 1))
            continue
        fi
        while IFS=: read -r file line text; do
            local target
            target=$(imported_module <<<"$text")
            [[ -z $target || $target == "$module" ]] && continue
            local why=""
            if [[ " ${project[*]} " == *" $target "* ]]; then
                if [[ ${may_import[$module]} != *",$target,"* ]]; then
                    local allowed_list=${may_import[$module]:1:-1}
                    why="$module may import no project module"
                    [[ -n $allowed_list ]] && why="$module may import only ${allowed_list//,/, }"
                fi
            else
                local pattern
                for pattern in ${must_not[$module]//,/ }; do
                    # shellcheck disable=SC2053  # the pattern is a glob on purpose
                    [[ $target == $pattern ]] && why="$module must never import $pattern"
                done
            fi
            if [[ -n $why ]]; then
                echo "$module -> $target ($file:$line): $why"
                failures=$((failures + 1))
            fi
        done < <(grep -rnE "$IMPORT" --include='*.swift' "$sources/$module" || true)
    done
    local statements=0 location
    while IFS= read -r location; do
        echo "SQL outside a catalog type ($location): move it into the module's Catalog/ folder, behind an intent method"
        statements=$((statements + 1))
    done < <(grep -rnE "$SQL" --include='*.swift' "$sources" | grep -v '/Catalog/' | cut -d: -f1,2 || true)
    ((failures)) && echo "import graph: $failures wrong arrow(s)"
    ((statements)) && echo "SQL: $statements statement(s) outside the catalog types"
    ((failures + statements)) && return 1
    echo "import graph: ${#project[@]} modules, every arrow allowed; every SQL statement in a catalog type"
}

# --self-test: wrong arrows added to a copy must each be reported, and the copy fail.
self_test() {
    local copy
    copy=$(mktemp -d)
    trap 'rm -rf "$copy"' RETURN
    cp -R Sources "$copy/Sources"
    check "$copy/Sources" >/dev/null || { echo "self-test: the unchanged copy already fails"; return 1; }
    local file
    file=$(find "$copy/Sources/Labeling" -name '*.swift' -print -quit)
    printf 'import ObjectStore\n@testable import S3Protocol\nimport AsyncHTTPClient\nimport NIOHTTP1\n' >>"$file"
    printf 'import struct S3Server.S3Error\n' >>"$(find "$copy/Sources/obslab" -name '*.swift' -print -quit)"
    printf 'import ObjectStore\n' >>"$(find "$copy/Sources/KeyManagement" -name '*.swift' -print -quit)"
    mkdir "$copy/Sources/Unlisted" && echo 'import Foundation' >"$copy/Sources/Unlisted/Thing.swift"
    printf 'let stray = "DELETE FROM objectVersion WHERE bucket = ?"\n' >>"$copy/Sources/ObjectStore/ObjectStore.swift"
    local report
    if report=$(check "$copy/Sources"); then
        echo "self-test: wrong arrows were not caught"
        return 1
    fi
    local expected
    for expected in "Labeling -> ObjectStore" "Labeling -> S3Protocol" "Labeling -> AsyncHTTPClient" "Labeling -> NIOHTTP1" \
        "obslab -> S3Server" "KeyManagement -> ObjectStore" "Unlisted: a module the graph does not know" "import graph: 7 wrong arrow(s)" \
        "SQL outside a catalog type ($copy/Sources/ObjectStore/ObjectStore.swift:" "SQL: 1 statement(s) outside the catalog types"; do
        grep -qF -- "$expected" <<<"$report" || { echo "self-test: '$expected' not reported in:"; echo "$report"; return 1; }
    done
    echo "$report"
    echo "self-test: every wrong arrow was reported, and the check failed"
}

case "${1:-}" in
    --self-test) self_test ;;
    -h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) check "${1:-Sources}" ;;
esac
