extension MutatorDefinition {
    /// Skips privileged containers and those adding CAP_SYS_ADMIN: the API server rejects
    /// `allowPrivilegeEscalation: false` together with either, and with any value on a Windows pod.
    static let defaultNoPrivilegeEscalation = MutatorDefinition(
        id: "defaultNoPrivilegeEscalation",
        description: "Sets securityContext.allowPrivilegeEscalation: false on containers that leave it unset (off by default)",
        enabledByDefault: false,
        fixes: ["privilegeEscalationAllowed"],
        mutate: { context, patch in
            for (pod, location) in context.containers() where !pod.runsOnWindows {
                let securityContext = location.container["securityContext"]
                let added = securityContext?["capabilities"]?["add"]
                if securityContext?["privileged"]?.bool == true || WorkloadSecurity.containsCapability(added, "SYS_ADMIN")
                    || WorkloadSecurity.containsCapability(added, "ALL")
                {
                    continue
                }
                patch.setIfMissing(location.path.appending("securityContext").appending("allowPrivilegeEscalation"), false)
            }
        }
    )
}
