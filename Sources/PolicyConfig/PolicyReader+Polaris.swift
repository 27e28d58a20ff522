import AdmissionCore

/// The Polaris configuration keys (`FairwindsOps/polaris`, `pkg/config/config.go`) that are not Harbormaster's own.
/// `checks` and `exemptions` are read by the shared code with the same meaning.
extension PolicyReader {
    /// Polaris switches with a Harbormaster equivalent, read with Polaris's meaning.
    static let polarisSwitchKeys = ["disallowExemptions", "disallowConfigExemptions", "disallowAnnotationExemptions"]
    /// Polaris keys Harbormaster does not implement: reported as warnings naming them, never silently dropped.
    static let polarisIgnoredKeys = ["displayName", "customChecks", "mutations", "kubeContext", "namespace"]

    /// Polaris's 44 built-in check IDs: the ones Harbormaster lacks are warnings, not errors, in a policy file.
    static let polarisCheckIDs: Set<String> = [
        "automountServiceAccountToken", "clusterrolebindingClusterAdmin", "clusterrolebindingPodExecAttach",
        "clusterrolePodExecAttach", "cpuLimitsMissing", "cpuRequestsMissing", "dangerousCapabilities",
        "deploymentMissingReplicas", "hostIPCSet", "hostNetworkSet", "hostPathSet", "hostPIDSet", "hostPortSet",
        "hostProcess", "hpaMaxAvailability", "hpaMinAvailability", "insecureCapabilities", "linuxHardening",
        "livenessProbeMissing", "memoryLimitsMissing", "memoryRequestsMissing", "metadataAndInstanceMismatched",
        "missingNetworkPolicy", "missingPodDisruptionBudget", "notReadOnlyRootFilesystem", "pdbDisruptionsIsZero",
        "pdbMinAvailableGreaterThanHPAMinReplicas", "priorityClassNotSet", "privilegeEscalationAllowed", "procMount",
        "pullPolicyNotAlways", "readinessProbeMissing", "rolebindingClusterAdminClusterRole",
        "rolebindingClusterAdminRole", "rolebindingClusterRolePodExecAttach", "rolebindingRolePodExecAttach",
        "rolePodExecAttach", "runAsPrivileged", "runAsRootAllowed", "sensitiveConfigmapContent",
        "sensitiveContainerEnvVar", "tagNotSpecified", "tlsSettingsMissing", "topologySpreadConstraint",
    ]

    mutating func polarisKey(_ key: String, _ value: YAMLNode, root: YAMLNode, into policy: inout Policy) throws(YAMLError) {
        switch key {
        // Polaris: disallowExemptions turns off both kinds; each of the other two turns off one.
        case "disallowExemptions":
            if try bool(value, key) {
                policy.switches.allowConfigExemptions = false
                policy.switches.allowAnnotationExemptions = false
            }
        case "disallowConfigExemptions": if try bool(value, key) { policy.switches.allowConfigExemptions = false }
        case "disallowAnnotationExemptions": if try bool(value, key) { policy.switches.allowAnnotationExemptions = false }
        default:
            warnings.append(error("Polaris key '\(key)' is not implemented by Harbormaster; ignored", at: keyNode(key, in: root)))
        }
    }
}
