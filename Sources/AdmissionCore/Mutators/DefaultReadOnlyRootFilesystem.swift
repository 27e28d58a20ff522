extension MutatorDefinition {
    /// Off by default: an application that writes outside its volumes fails until it gets an emptyDir.
    static let defaultReadOnlyRootFilesystem = MutatorDefinition(
        id: "defaultReadOnlyRootFilesystem",
        description: "Sets securityContext.readOnlyRootFilesystem: true on containers that leave it unset (off by default)",
        enabledByDefault: false,
        fixes: ["notReadOnlyRootFilesystem"],
        mutate: { context, patch in
            for (_, location) in context.containers() {
                patch.setIfMissing(location.path.appending("securityContext").appending("readOnlyRootFilesystem"), true)
            }
        }
    )
}
