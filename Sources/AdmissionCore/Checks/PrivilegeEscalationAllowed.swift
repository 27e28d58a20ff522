extension CheckDefinition {
    /// Only an explicit `allowPrivilegeEscalation: false` on the container passes: the field does not exist in
    /// the pod securityContext, and unset means allowed (Polaris agrees: a pod-level value is ignored).
    static let privilegeEscalationAllowed = CheckDefinition(
        id: "privilegeEscalationAllowed",
        category: .security,
        defaultSeverity: .danger,
        message: "Privilege escalation should not be allowed",
        remediation: "Set securityContext.allowPrivilegeEscalation to false on the container.",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/allowPrivilegeEscalation"
        ) {
            $0.container["securityContext"]?["allowPrivilegeEscalation"]?.bool == false
        }
    )
}
