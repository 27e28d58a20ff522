extension CheckDefinition {
    static let requiredLabelsMissing = CheckDefinition(
        id: "requiredLabelsMissing",
        category: .organization,
        defaultSeverity: .warning,
        message: "Required labels are missing",
        remediation: "Add the missing labels to metadata.labels and, for workloads, to the pod template's labels.",
        parameters: [
            ParameterSpec("labels", .stringList, default: ["app.kubernetes.io/name"], "Label keys every workload must carry."),
            ParameterSpec(
                "byKind", .labelPatternsByKind, default: [:],
                "More labels per kind, each with a glob its value must match (\"*\": any non-empty value), e.g. {Deployment: {team: \"pay*\"}}."
            ),
        ],
        // Any kind may be configured under `byKind`, so every object is looked at; unconfigured kinds pass.
        rule: .object(appliesTo: { _ in true }) { RequiredLabels.violations(context: $0) }
    )
}

/// The label rules of `requiredLabelsMissing`: keys for every workload, plus per-kind keys with value patterns.
enum RequiredLabels {
    /// The label keys and value patterns configured for `object`'s kind.
    static func patterns(for object: KubernetesObject, _ parameters: Parameters) -> [(key: String, pattern: GlobPattern)] {
        let members = parameters["byKind"]?[object.kind]?.objectValue?.members ?? []
        return members.compactMap { member in member.value.stringValue.map { (member.key, GlobPattern($0)) } }
    }

    static func violations(context: ObjectContext) -> [Violation] {
        let object = context.object
        let kindPatterns = patterns(for: object, context.parameters)
        let keys = PodSpecLocator.isWorkload(object) ? context.parameters.stringList("labels") : []
        guard !keys.isEmpty || !kindPatterns.isEmpty else { return [] }
        var places = [(name: "metadata", labels: object.labels, path: JSONPointer(["metadata", "labels"]))]
        // A Pod's template is the Pod itself; every other workload's pod template needs the labels too.
        if object.kind != "Pod", let pod = object.podSpecs.first {
            places.append(("pod template", pod.templateMetadata?["labels"], pod.templateMetadataPath.appending("labels")))
        }
        return places.compactMap { place in
            var problems = keys.filter { place.labels?[$0]?.string?.isEmpty ?? true }
            for (key, pattern) in kindPatterns where !problems.contains(key) {
                guard let value = place.labels?[key]?.string, !value.isEmpty else {
                    problems.append(key)
                    continue
                }
                if !pattern.matches(value) { problems.append("\(key)=\(value) (must match '\(pattern)')") }
            }
            guard !problems.isEmpty else { return nil }
            return Violation(path: place.path, detail: "\(problems.joined(separator: ", ")) on \(place.name)")
        }
    }
}
