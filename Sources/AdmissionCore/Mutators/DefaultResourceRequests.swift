extension MutatorDefinition {
    static let defaultResourceRequests = MutatorDefinition(
        id: "defaultResourceRequests",
        description: "Sets missing CPU and memory requests to configured defaults, never above an existing limit",
        enabledByDefault: true,
        parameters: [
            ParameterSpec("cpu", .quantity, default: "100m", "CPU request for containers that set none (\"\" to leave CPU alone)."),
            ParameterSpec("memory", .quantity, default: "128Mi", "Memory request for containers that set none (\"\" to leave memory alone)."),
        ],
        fixes: ["cpuRequestsMissing", "memoryRequestsMissing"],
        mutate: { context, patch in
            for (_, location) in context.containers() {
                for resource in ["cpu", "memory"] {
                    // Set already (the common case): decided by one lookup, before any parsing or allocation.
                    if let set = location.container["resources"]?["requests"]?[resource], !set.isNull { continue }
                    guard let wanted = context.parameters.string(resource).flatMap(Quantity.init) else { continue }
                    let resources = location.path.appending("resources")
                    // A request above the limit is invalid: a lower limit caps the default (the API would use it too).
                    var request = JSON.string(wanted.text)
                    if let limit = location.container["resources"]?["limits"]?[resource], let cap = limit.quantity,
                        cap < wanted
                    {
                        request = JSON(limit)
                    }
                    patch.setIfMissing(resources.appending("requests").appending(resource), request)
                }
            }
        }
    )
}
