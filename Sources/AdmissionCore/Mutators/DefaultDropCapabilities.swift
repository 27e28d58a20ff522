extension MutatorDefinition {
    /// Only where `capabilities.drop` is missing: a drop list the author wrote is a decision, judged by
    /// insecureCapabilities rather than rewritten here. Not on Windows pods, where the API rejects capabilities.
    static let defaultDropCapabilities = MutatorDefinition(
        id: "defaultDropCapabilities",
        description: "Sets securityContext.capabilities.drop: [ALL] on containers that drop nothing (off by default)",
        enabledByDefault: false,
        fixes: ["insecureCapabilities"],
        mutate: { context, patch in
            for (pod, location) in context.containers() where !pod.runsOnWindows {
                let path = location.path.appending("securityContext").appending("capabilities").appending("drop")
                patch.setIfMissing(path, ["ALL"])
            }
        }
    )
}
