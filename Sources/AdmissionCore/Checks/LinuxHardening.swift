extension CheckDefinition {
    /// Passes when one Linux hardening mechanism confines the container: an appArmorProfile or seccompProfile other
    /// than Unconfined (the container's overrides the pod's), SELinux options with a field set, dropping ALL
    /// capabilities without adding ALL back, or the `container.apparmor.security.beta.kubernetes.io/<name>` annotation.
    static let linuxHardening = CheckDefinition(
        id: "linuxHardening",
        category: .security,
        defaultSeverity: .warning,
        message: "Container should be hardened with AppArmor, seccomp, SELinux or dropped capabilities",
        remediation: "Set securityContext.seccompProfile.type to RuntimeDefault (or drop ALL capabilities).",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "securityContext"
        ) { context in
            for key in ["appArmorProfile", "seccompProfile"] {
                if let type = WorkloadSecurity.effective(key, context)?["type"]?.string, !type.isEmpty,
                    type != "Unconfined"
                {
                    return true
                }
            }
            for securityContext in [context.container["securityContext"], context.pod.spec["securityContext"]] {
                guard let options = securityContext?["seLinuxOptions"]?.members else { continue }
                for (_, value) in options where !(value.string?.isEmpty ?? true) { return true }
            }
            let capabilities = context.container["securityContext"]?["capabilities"]
            if WorkloadSecurity.containsCapability(capabilities?["drop"], "ALL"),
                !WorkloadSecurity.containsCapability(capabilities?["add"], "ALL")
            {
                return true
            }
            // The legacy AppArmor annotation comes last: building its key allocates.
            guard let annotations = context.pod.templateMetadata?["annotations"], annotations.isObject else {
                return false
            }
            let key = "container.apparmor.security.beta.kubernetes.io/" + context.location.name
            let appArmor = annotations[key]?.string
            return !(appArmor?.isEmpty ?? true) && appArmor != "unconfined"
        }
    )
}
