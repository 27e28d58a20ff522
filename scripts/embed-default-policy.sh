#!/usr/bin/env bash
# Embeds examples/policy.yaml into the binary as the built-in policy (Sources/PolicyConfig/DefaultPolicyText.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
{
    echo '// Generated from examples/policy.yaml; PolicyFileTests checks that the two stay identical.'
    echo '// Regenerate: scripts/embed-default-policy.sh'
    echo 'enum DefaultPolicyText {'
    echo '    static let yaml = #"""'
    cat examples/policy.yaml
    echo '"""#'
    echo '}'
} > Sources/PolicyConfig/DefaultPolicyText.swift
