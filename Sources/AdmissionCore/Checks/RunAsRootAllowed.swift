extension CheckDefinition {
    /// Passes when the container's effective securityContext (its own field, else the pod's) has
    /// `runAsNonRoot: true` or `runAsUser` of 1 or more. A container value overrides the pod's, so a pod-level
    /// `runAsNonRoot: true` is honoured unless the container sets `runAsNonRoot: false` without a non-zero user.
    static let runAsRootAllowed = CheckDefinition(
        id: "runAsRootAllowed",
        category: .security,
        defaultSeverity: .danger,
        message: "Should not be allowed to run as root",
        remediation: "Set securityContext.runAsNonRoot to true or a non-zero runAsUser on the pod or container.",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/runAsNonRoot"
        ) { context in
            if WorkloadSecurity.effective("runAsNonRoot", context)?.bool == true { return true }
            return (WorkloadSecurity.effective("runAsUser", context)?.int ?? 0) >= 1
        }
    )
}
