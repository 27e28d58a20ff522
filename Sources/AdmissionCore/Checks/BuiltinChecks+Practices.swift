extension BuiltinChecks {
    /// Checks Polaris lacks: namespaces, RBAC hygiene, deprecated APIs, zero downtime, images, probes.
    static let practices: [CheckDefinition] = [
        // Reliability
        .deprecatedApiVersion,
        .probesIdentical,
        .probePortNotDeclared,
        .rollingUpdateUnsafe,
        .podAntiAffinityMissing,
        .hpaTargetMissingRequests,
        .nakedPod,
        // Efficiency
        .limitsBelowRequests,
        // Security
        .imageNotMinimal,
        .imageRegistryNotAllowed,
        .rbacWildcardRules,
        .rbacEscalationVerbs,
        .defaultServiceAccountBound,
        // Organization
        .namespaceOwnerLabelMissing,
    ]
}
