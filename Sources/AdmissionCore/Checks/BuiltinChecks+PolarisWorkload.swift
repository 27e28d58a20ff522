extension BuiltinChecks {
    /// Polaris's remaining pod-spec and container checks (same IDs and default severities).
    static let polarisWorkload: [CheckDefinition] = [
    ]
}
