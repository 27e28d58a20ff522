extension CheckDefinition {
    /// An unset policy fails even though Kubernetes defaults it to Always for `:latest` images: the manifest should
    /// say what it means, and the webhook sees the defaulted value anyway.
    static let pullPolicyNotAlways = CheckDefinition(
        id: "pullPolicyNotAlways",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Image pull policy should be Always",
        remediation: "Set imagePullPolicy to Always so that every start runs the image the registry holds for the tag.",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "imagePullPolicy"
        ) {
            $0.container["imagePullPolicy"]?.isString("Always") == true
        }
    )
}
