extension MutatorDefinition {
    /// Off by default: a Deployment scaled by a HorizontalPodAutoscaler usually omits `replicas`, and a webhook
    /// that injects one fights the autoscaler on every apply (the replica count jumps back, then up again).
    static let defaultReplicas = MutatorDefinition(
        id: "defaultReplicas",
        description: "Sets spec.replicas on Deployments that leave it out (off by default: it fights autoscalers)",
        enabledByDefault: false,
        parameters: [ParameterSpec("replicas", .integer, default: 2, "Replicas for Deployments that set none.")],
        fixes: ["deploymentMissingReplicas"],
        mutate: { context, patch in
            let object = context.object
            guard object.kind == "Deployment", ["apps", "extensions"].contains(object.group),
                object.value["spec"]?.isObject == true
            else { return }
            patch.setIfMissing(JSONPointer(["spec", "replicas"]), .number(JSONNumber(max(1, context.parameters.int("replicas") ?? 2))))
        }
    )
}
