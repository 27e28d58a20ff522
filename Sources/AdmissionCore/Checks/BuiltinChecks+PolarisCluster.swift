extension BuiltinChecks {
    /// Polaris's object, cross-resource and RBAC checks (same IDs and default severities).
    static let polarisCluster: [CheckDefinition] = [
    ]
}
