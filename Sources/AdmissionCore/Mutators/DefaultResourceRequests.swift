extension MutatorDefinition {
    static let defaultResourceRequests = MutatorDefinition(
        id: "defaultResourceRequests",
        description: "Sets missing CPU and memory requests to configured defaults, never above an existing limit",
        enabledByDefault: true,
        parameters: [
            ParameterSpec("cpu", .quantity, default: "100m", "CPU request for containers that set none (\"\" to leave CPU alone)."),
            ParameterSpec("memory", .quantity, default: "128Mi", "Memory request for containers that set none (\"\" to leave memory alone)."),
        ],
        mutate: { context in
            context.object.podSpecs.flatMap(\.containers).filter { $0.role != .ephemeral }.flatMap { location in
                ResourceDefaults.requestOperations(
                    for: location, defaults: [("cpu", context.parameters.string("cpu")), ("memory", context.parameters.string("memory"))]
                )
            }
        }
    )
}

/// Patch building shared by the resource mutators.
enum ResourceDefaults {
    /// Operations adding each missing request; a missing `resources` or `requests` object is added whole.
    static func requestOperations(for location: ContainerLocation, defaults: [(String, String?)]) -> [PatchOperation] {
        let resources = location.container["resources"]
        let requests = resources?["requests"]
        let limits = resources?["limits"]
        var missing = JSONObject()
        for (name, configured) in defaults {
            guard let configured, let wanted = Quantity(configured), requests?[name] == nil else { continue }
            // A request above the limit is invalid: the limit caps the default (the API would use the limit too).
            if let limit = limits?[name], let limitQuantity = limit.quantity, limitQuantity < wanted {
                missing[name] = JSON(limit)
            } else {
                missing[name] = .string(wanted.text)
            }
        }
        guard !missing.isEmpty else { return [] }
        let resourcesPath = location.path.appending("resources")
        guard resources?.isObject == true else {
            return [.add(resourcesPath, ["requests": .object(missing)])]
        }
        guard requests?.isObject == true else {
            return [.add(resourcesPath.appending("requests"), .object(missing))]
        }
        return missing.members.map { .add(resourcesPath.appending("requests").appending($0.key), $0.value) }
    }
}
