extension CheckDefinition {
    /// Only the container's `readOnlyRootFilesystem: true` passes. Kubernetes has no pod-level field of that name
    /// (the API server drops it), so a pod-level value is deliberately not honoured: it would protect nothing.
    static let notReadOnlyRootFilesystem = CheckDefinition(
        id: "notReadOnlyRootFilesystem",
        category: .security,
        defaultSeverity: .warning,
        message: "Filesystem should be read only",
        remediation: "Set securityContext.readOnlyRootFilesystem to true; mount an emptyDir where the app writes.",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/readOnlyRootFilesystem"
        ) {
            $0.container["securityContext"]?["readOnlyRootFilesystem"]?.bool == true
        }
    )
}
