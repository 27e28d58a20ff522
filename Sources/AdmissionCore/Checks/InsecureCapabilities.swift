extension CheckDefinition {
    /// Passes when the container's `capabilities.drop` holds ALL or every capability a container runtime grants
    /// by default. The pod securityContext has no capabilities field, so only the container's counts.
    static let insecureCapabilities = CheckDefinition(
        id: "insecureCapabilities",
        category: .security,
        defaultSeverity: .warning,
        message: "Container should drop all default capabilities",
        remediation: "Set securityContext.capabilities.drop to [ALL] and add back only what the container needs.",
        rule: .container(
            roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false,
            field: "securityContext/capabilities/drop"
        ) { context in
            let dropped = context.container["securityContext"]?["capabilities"]?["drop"]
            guard dropped?.elements != nil else { return false }
            if WorkloadSecurity.containsCapability(dropped, "ALL") { return true }
            return defaultCapabilities.allSatisfy { WorkloadSecurity.containsCapability(dropped, $0) }
        }
    )

    /// The capabilities containerd and CRI-O grant a container unless told otherwise.
    private static let defaultCapabilities = [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "NET_RAW", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ]
}
