extension MutatorDefinition {
    /// The memory limit is derived from the request, so a container that asks for a lot is not capped below what
    /// it asked for; the CPU limit is off unless configured, since many teams set CPU requests only (a CPU limit
    /// throttles a container even when the node is idle).
    static let defaultResourceLimits = MutatorDefinition(
        id: "defaultResourceLimits",
        description: "Sets missing limits: memory from the request times a ratio (at least a default), CPU only when configured",
        enabledByDefault: true,
        parameters: [
            ParameterSpec("memory", .quantity, default: "256Mi", "Smallest memory limit to set where none is (\"\" to leave memory limits alone)."),
            ParameterSpec("memoryRequestRatio", .number, default: 2, "The memory limit is at least the memory request times this."),
            ParameterSpec("cpu", .quantity, default: "", "CPU limit to set where none is, raised to the CPU request when that is higher (\"\": none)."),
        ],
        fixes: ["memoryLimitsMissing", "cpuLimitsMissing"],
        mutate: { context, patch in
            let ratio = context.parameters.number("memoryRequestRatio") ?? 1
            for (_, location) in context.containers() {
                let resources = location.path.appending("resources")
                for (resource, scale) in [("memory", ratio), ("cpu", 1.0)] {
                    if let set = location.container["resources"]?["limits"]?[resource], !set.isNull { continue }
                    guard let floor = context.parameters.string(resource).flatMap(Quantity.init) else { continue }
                    let limitPath = resources.appending("limits").appending(resource)
                    guard !patch.contains(limitPath) else { continue }
                    // The request as it will be, so that a request another mutator just set counts too.
                    var limit = floor
                    if let request = patch.value(at: resources.appending("requests").appending(resource))?.quantity {
                        let derived = scale == 1 ? request : request.multiplied(by: scale)
                        // Never below the request, even with a ratio under 1: a limit below its request is invalid.
                        for candidate in [derived, request] where limit < candidate { limit = candidate }
                    }
                    patch.setIfMissing(limitPath, .string(limit.text))
                }
            }
        }
    )
}
