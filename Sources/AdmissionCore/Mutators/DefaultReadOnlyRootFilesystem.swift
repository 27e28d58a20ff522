extension MutatorDefinition {
    /// Off by default: an application that writes outside its volumes fails until it gets an emptyDir. Not on
    /// Windows pods, where the API rejects the field.
    static let defaultReadOnlyRootFilesystem = MutatorDefinition(
        id: "defaultReadOnlyRootFilesystem",
        description: "Sets securityContext.readOnlyRootFilesystem: true on containers that leave it unset (off by default)",
        enabledByDefault: false,
        fixes: ["notReadOnlyRootFilesystem"],
        mutate: { context, patch in
            for (pod, location) in context.containers() where !pod.runsOnWindows {
                patch.setIfMissing(location.path.appending("securityContext").appending("readOnlyRootFilesystem"), true)
            }
        }
    )
}
