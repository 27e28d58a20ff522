extension MutatorDefinition {
    /// A preferred (not required) anti-affinity: pods still schedule on a cluster with fewer nodes than replicas.
    /// Its selector is the workload's own, which already matches exactly this workload's pods.
    static let defaultPodAntiAffinity = MutatorDefinition(
        id: "defaultPodAntiAffinity",
        description: "Adds preferred pod anti-affinity over kubernetes.io/hostname to workloads with 2 or more replicas",
        enabledByDefault: true,
        fixes: ["podAntiAffinityMissing"],
        mutate: { context, patch in
            guard let (pod, selector) = ReplicatedWorkload.spreadable(context.object, patch) else { return }
            // Already spread (by anything podAntiAffinityMissing accepts): nothing to add.
            if PodSpreading.isSpread(pod.spec) { return }
            let term: JSON = [
                "weight": 100,
                "podAffinityTerm": ["labelSelector": JSON(selector), "topologyKey": "kubernetes.io/hostname"],
            ]
            let list = pod.path.appending("affinity").appending("podAntiAffinity")
                .appending("preferredDuringSchedulingIgnoredDuringExecution")
            patch.append(term, toListAt: list)
        }
    )
}

/// Workloads whose replicas can be spread: Deployments, StatefulSets and ReplicaSets with 2 or more replicas
/// (counting a `replicas` another mutator just set) and a label selector to tell their pods apart.
enum ReplicatedWorkload {
    static func spreadable(_ object: KubernetesObject, _ patch: PatchBuilder) -> (PodSpecLocation, JSONValue)? {
        guard ["Deployment", "StatefulSet", "ReplicaSet"].contains(object.kind), PodSpecLocator.isWorkload(object),
            let pod = object.podSpecs.first, let spec = object.value["spec"],
            let selector = spec["selector"],
            (selector["matchLabels"]?.count ?? 0) > 0 || (selector["matchExpressions"]?.count ?? 0) > 0
        else { return nil }
        // The replicas as written, else as `defaultReplicas` set them.
        let replicas = spec["replicas"]?.int ?? patch.value(at: JSONPointer(["spec", "replicas"]))?.intValue ?? 1
        return replicas >= 2 ? (pod, selector) : nil
    }
}
