#!/usr/bin/env bash
# ProcessSockets must refuse a self-contained single-file app cleanly (PlatformNotSupportedException), not crash it.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=$(dotnet msbuild Socktest.Runtime/Socktest.Runtime.csproj -getProperty:NETCoreSdkRuntimeIdentifier)
out=artifacts/single-file
dotnet publish ci-only/SingleFileCheck -c Release -r "$rid" -o "$out"
"$out/SingleFileCheck"
