extension CheckDefinition {
    /// Fails on an env var holding a literal, non-empty `value` when its name looks like a credential (contains one
    /// of `nameFragments` or equals one of `names`, ignoring case) or the value is a PEM private key. `valueFrom`
    /// is the fix, so it always passes; names ending in `_FILE` or `_PATH` hold a location, not the secret.
    static let sensitiveContainerEnvVar = CheckDefinition(
        id: "sensitiveContainerEnvVar",
        category: .security,
        defaultSeverity: .danger,
        message: "Container should not hold credentials in literal environment variables",
        remediation: "Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef.",
        parameters: [
            ParameterSpec(
                "nameFragments", .stringList,
                default: ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL"],
                "Env var names containing one of these (case-insensitive) must not hold a literal value."
            ),
            ParameterSpec(
                "names", .stringList, default: ["AZURE_BATCH_KEY", "AZURE_STORAGE_KEY", "OCI_CLI_KEY_CONTENT"],
                "Exact env var names (case-insensitive) that must not hold a literal value."
            ),
        ],
        snippet: "env: [{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}]",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "env"
        ) { context in
            guard let env = context.container["env"]?.elements, env.count > 0 else { return true }
            let names = context.parameters.stringList("names").map { $0.uppercased() }
            let fragments = context.parameters.stringList("nameFragments").map { $0.uppercased() }
            let patterns = (fragments + names).map { Array($0.utf8) }
            for variable in env {
                // Scanned in place, before anything is decoded: a large object can carry thousands of env
                // entries, nearly all harmless (decoding each cost ~5 k instructions).
                guard let value = variable["value"], value.isNonEmptyString else { continue }
                if value.stringContains(asciiIgnoringCase: privateKeyMarker) { return false }
                guard let nameValue = variable["name"],
                    patterns.contains(where: { nameValue.stringContains(asciiIgnoringCase: $0) })
                else { continue }
                let name = (nameValue.string ?? "").uppercased()
                if name.hasSuffix("_FILE") || name.hasSuffix("_PATH") { continue }
                if names.contains(name) || fragments.contains(where: { name.containsBytes($0) }) { return false }
            }
            return true
        }
    )
}

/// What marks a PEM private key pasted into a value.
private let privateKeyMarker = Array("PRIVATE KEY".utf8)
