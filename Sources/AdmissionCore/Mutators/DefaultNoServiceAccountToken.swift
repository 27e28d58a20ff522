extension MutatorDefinition {
    /// Off by default: a pod that calls the Kubernetes API needs the token, and only its authors know.
    static let defaultNoServiceAccountToken = MutatorDefinition(
        id: "defaultNoServiceAccountToken",
        description: "Sets automountServiceAccountToken: false on pod specs that leave it unset (off by default)",
        enabledByDefault: false,
        fixes: ["automountServiceAccountToken"],
        mutate: { context, patch in
            for pod in context.object.podSpecs {
                patch.setIfMissing(pod.path.appending("automountServiceAccountToken"), false)
            }
        }
    )
}
