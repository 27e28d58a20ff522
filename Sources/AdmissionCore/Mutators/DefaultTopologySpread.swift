extension MutatorDefinition {
    /// `ScheduleAnyway`: a zone spread that can never block scheduling (a single-zone cluster still runs every pod).
    static let defaultTopologySpread = MutatorDefinition(
        id: "defaultTopologySpread",
        description: "Adds a zone topology spread (maxSkew 1, ScheduleAnyway) to workloads with 2 or more replicas",
        enabledByDefault: true,
        fixes: ["topologySpreadConstraint"],
        mutate: { context, patch in
            guard let (pod, selector) = ReplicatedWorkload.spreadable(context.object, patch) else { return }
            let path = pod.path.appending("topologySpreadConstraints")
            guard (pod.spec["topologySpreadConstraints"]?.elements?.count ?? 0) == 0, !patch.contains(path.appending("0"))
            else { return }
            let constraint: JSON = [
                "maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway",
                "labelSelector": JSON(selector),
            ]
            patch.append(constraint, toListAt: path)
        }
    )
}
