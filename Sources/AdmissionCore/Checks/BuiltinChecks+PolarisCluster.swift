extension BuiltinChecks {
    /// Polaris's object, cross-resource and RBAC checks (same IDs and default severities).
    static let polarisCluster: [CheckDefinition] = [
        // Reliability
        .missingPodDisruptionBudget,
        .pdbDisruptionsIsZero,
        .pdbMinAvailableGreaterThanHPAMinReplicas,
        .hpaMaxAvailability,
        .hpaMinAvailability,
        // Security
        .missingNetworkPolicy,
        .automountServiceAccountToken,
        .sensitiveConfigmapContent,
        .tlsSettingsMissing,
        // Security: RBAC
        .clusterrolePodExecAttach,
        .rolePodExecAttach,
        .clusterrolebindingClusterAdmin,
        .clusterrolebindingPodExecAttach,
        .rolebindingClusterAdminClusterRole,
        .rolebindingClusterAdminRole,
        .rolebindingClusterRolePodExecAttach,
        .rolebindingRolePodExecAttach,
    ]
}
