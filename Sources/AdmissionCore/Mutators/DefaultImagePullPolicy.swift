extension MutatorDefinition {
    static let defaultImagePullPolicy = MutatorDefinition(
        id: "defaultImagePullPolicy",
        description: "Sets imagePullPolicy on containers that leave it unset (off by default)",
        enabledByDefault: false,
        parameters: [ParameterSpec("policy", .string, default: "Always", "The pull policy to set: Always, IfNotPresent or Never.")],
        fixes: ["pullPolicyNotAlways"],
        mutate: { context, patch in
            let policy = context.parameters.string("policy") ?? "Always"
            guard ["Always", "IfNotPresent", "Never"].contains(policy) else { return }
            for (_, location) in context.containers() {
                patch.setIfMissing(location.path.appending("imagePullPolicy"), .string(policy))
            }
        }
    )
}
