extension CheckDefinition {
    /// A ConfigMap whose data holds what looks like a credential: a key named like a password or a cloud
    /// provider's secret, or a value carrying a PEM private key. Values are never repeated in the finding.
    static let sensitiveConfigmapContent = CheckDefinition(
        id: "sensitiveConfigmapContent",
        category: .security,
        defaultSeverity: .danger,
        message: "ConfigMap should not hold credentials",
        remediation: "Move the credential into a Secret and reference it from the pod.",
        snippet: "apiVersion: v1, kind: Secret, metadata: {name: db}, stringData: {password: ...}",
        rule: .object(appliesTo: { $0.kind == "ConfigMap" && $0.group.isEmpty }) { context in
            guard let data = context.object.value["data"]?.members else { return [] }
            var violations: [Violation] = []
            for (key, value) in data {
                let path = JSONPointer(["data", key])
                if ConfigMapCredentials.isCredentialName(key) {
                    violations.append(Violation(path: path, detail: "key \(key) names a credential"))
                } else if let text = value.string, ConfigMapCredentials.holdsPrivateKey(text) {
                    violations.append(Violation(path: path, detail: "key \(key) holds a private key"))
                }
            }
            return violations
        }
    )
}

/// Names and values that betray a credential.
enum ConfigMapCredentials {
    /// Fragments of key names that are credentials wherever they appear (compared lowercased).
    static let credentialFragments = [
        "password", "passwd", "secret_key", "secretkey", "secret_access_key", "private_key", "privatekey",
        "api_key", "apikey", "client_secret", "access_token", "auth_token",
    ]
    /// Well-known cloud and service variables holding a secret (compared uppercased).
    static let credentialNames: Set<String> = [
        "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AZURE_BATCH_KEY", "AZURE_CLIENT_SECRET", "AZURE_STORAGE_KEY",
        "AZURE_STORAGE_ACCOUNT_KEY", "AZURE_STORAGE_CONNECTION_STRING", "OCI_CLI_KEY_CONTENT", "GITHUB_TOKEN",
        "DIGITALOCEAN_ACCESS_TOKEN", "GOOGLE_API_KEY",
    ]

    static func isCredentialName(_ name: String) -> Bool {
        if credentialNames.contains(name.uppercased()) { return true }
        // Dashes and underscores spell the same name (db-password, db_password).
        let lowered = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        return credentialFragments.contains { lowered.containsBytes($0) }
    }

    /// A PEM block (`-----BEGIN ... PRIVATE KEY-----`) anywhere in the value.
    static func holdsPrivateKey(_ text: String) -> Bool {
        text.containsBytes("BEGIN") && text.containsBytes("PRIVATE KEY")
    }
}
