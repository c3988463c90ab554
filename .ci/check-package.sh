#!/usr/bin/env bash
# Checks the contents of the Socktest package: exactly the runtime library (+ XML docs) per target framework in lib/,
# the generator as a C# analyzer, the README, the metadata, no Roslyn dependency, and a symbols package beside it.
# Usage: .ci/check-package.sh <folder holding Socktest.<version>.nupkg> <version>
set -euo pipefail
folder="$1"
version="$2"
nupkg="$folder/Socktest.$version.nupkg"
snupkg="$folder/Socktest.$version.snupkg"
failures=0
fail() { echo "package check: $*" >&2; failures=$((failures + 1)); }

[[ -f "$nupkg" ]] || { echo "package check: $nupkg is missing" >&2; exit 1; }
[[ -f "$snupkg" ]] || fail "$snupkg (symbols) is missing"

# Every entry, minus the OPC bookkeeping NuGet always writes.
entries=$(unzip -Z1 "$nupkg" | grep -Ev '^(_rels/\.rels|\[Content_Types\]\.xml|package/services/metadata/core-properties/.*\.psmdcp|Socktest\.nuspec)$' | sort)
expected=$(sort <<'LIST'
README.md
analyzers/dotnet/cs/Socktest.Generator.dll
lib/net10.0/Socktest.Runtime.dll
lib/net10.0/Socktest.Runtime.xml
lib/net8.0/Socktest.Runtime.dll
lib/net8.0/Socktest.Runtime.xml
LIST
)
if [[ "$entries" != "$expected" ]]; then
    fail "unexpected contents (< expected, > found):"
    diff <(echo "$expected") <(echo "$entries") >&2 || true
fi

nuspec=$(unzip -p "$nupkg" Socktest.nuspec)
for needle in \
    "<version>$version</version>" \
    '<license type="expression">MIT</license>' \
    '<readme>README.md</readme>' \
    '<projectUrl>https://github.com/socktest/socktest</projectUrl>' \
    '<repository type="git" url="https://github.com/socktest/socktest"'; do
    grep -qF -- "$needle" <<<"$nuspec" || fail "nuspec lacks $needle"
done
if grep -qi 'dependency id=' <<<"$nuspec"; then
    fail "nuspec has package dependencies (the generator's Roslyn must stay private):"
    grep -i 'dependency id=' <<<"$nuspec" >&2
fi

if [[ -f "$snupkg" ]]; then
    # The listing is read whole first: `unzip | grep -q` under pipefail fails when grep stops reading early and unzip
    # dies of SIGPIPE, which reported a present pdb as missing now and then.
    symbols=$(unzip -Z1 "$snupkg")
    for pdb in lib/net8.0/Socktest.Runtime.pdb lib/net10.0/Socktest.Runtime.pdb; do
        grep -qxF "$pdb" <<<"$symbols" || fail "symbols package lacks $pdb"
    done
fi

if ((failures > 0)); then
    echo "package check: $failures problem(s) in $nupkg" >&2
    exit 1
fi
echo "package check: $nupkg is as expected"
unzip -l "$nupkg"
