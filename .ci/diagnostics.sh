#!/usr/bin/env bash
# `dotnet build` of the deliberately wrong ci-only/Misuse projects must report, with file and line, exactly the
# SOCKTEST diagnostics marked in their sources (`// SOCKTEST004` at the end of the line that carries it), cover
# every ID listed in docs/diagnostics.md, and raise no compiler error of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/diagnostics
mkdir -p "$out"
log="$out/build.log"
: > "$log"
for project in ci-only/Misuse/Misuse.csproj ci-only/Misuse/CSharp73/Misuse.CSharp73.csproj; do
    if dotnet build "$project" -tl:off -nologo -clp:NoSummary --no-incremental > "$out/part.log" 2>&1; then
        cat "$out/part.log"
        echo "$project built, but it is meant to fail with SOCKTEST errors" >&2
        exit 1
    fi
    cat "$out/part.log" >> "$log"
done

# "Members.cs(10,13): error SOCKTEST004", once each (the build prints some twice); compared as "Members.cs 10 SOCKTEST004"
# with the markers, found by grep.
found=$(grep -oE '[^ /\\]+\.cs\([0-9]+,[0-9]+\): (error|warning) SOCKTEST[0-9]{3}' "$log" | sort -u)
reported=$(sed -E 's/\(([0-9]+),[0-9]+\): (error|warning) (SOCKTEST[0-9]{3})/ \1 \3/' <<<"$found" | sort -u)
expected=$(grep -rnoE '// SOCKTEST[0-9]{3}' ci-only/Misuse --include='*.cs' \
    | sed -E 's#^([^:]*/)?([^/:]+):([0-9]+):// (SOCKTEST[0-9]{3})#\2 \3 \4#' | sort -u)

failed=0
if [[ "$reported" != "$expected" ]]; then
    echo "The build's SOCKTEST diagnostics differ from the markers (< marked only, > reported only):" >&2
    diff <(echo "$expected") <(echo "$reported") | grep -E '^[<>]' >&2 || true
    failed=1
fi

compiler_errors=$(grep -E 'error CS[0-9]{4}' "$log" | sort -u || true)
if [[ -n "$compiler_errors" ]]; then
    echo "The misuse projects must be wrong only in Socktest's eyes; the compiler reported:" >&2
    echo "$compiler_errors" >&2
    failed=1
fi

documented=$(grep -oE '^\| SOCKTEST[0-9]{3} \|' docs/diagnostics.md | grep -oE 'SOCKTEST[0-9]{3}' | sort -u)
missing=$(comm -23 <(echo "$documented") <(echo "$expected" | awk '{ print $3 }' | sort -u))
if [[ -n "$missing" ]]; then
    echo "No misuse in ci-only/Misuse shows these documented IDs: $(echo $missing)" >&2
    failed=1
fi

if [[ $failed -ne 0 ]]; then
    exit 1
fi

echo "dotnet build of ci-only/Misuse: every documented ID, each at its marked line:"
sort -t' ' -k3 <<<"$found" | sed 's/^/  /'
