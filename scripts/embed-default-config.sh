#!/usr/bin/env bash
# Regenerates Sources/GatehouseCore/Config/DefaultConfig.swift from examples/gatehouse.yaml,
# the embedded default configuration. A test fails when the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/GatehouseCore/Config/DefaultConfig.swift
{
    cat <<'HEAD'
/// The configuration a new installation starts from: the text of `examples/gatehouse.yaml`,
/// kept identical to that file by a test (regenerate with scripts/embed-default-config.sh).
public enum DefaultConfig {
    /// The file name used in diagnostics about the default configuration.
    public static let path = "examples/gatehouse.yaml"

    /// The exact contents of `examples/gatehouse.yaml`.
    public static let text = #"""
HEAD
    sed -e 's/^\(.\)/        \1/' examples/gatehouse.yaml
    printf '\n        """#\n}\n'
} >"$out.tmp"
mv "$out.tmp" "$out"
