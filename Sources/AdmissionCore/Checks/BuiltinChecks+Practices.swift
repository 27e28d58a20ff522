extension BuiltinChecks {
    /// Checks Polaris lacks: namespaces, RBAC hygiene, deprecated APIs, zero downtime, images, probes.
    static let practices: [CheckDefinition] = [
    ]
}
