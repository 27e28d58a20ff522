extension CheckDefinition {
    static let requiredLabelsMissing = CheckDefinition(
        id: "requiredLabelsMissing",
        category: .organization,
        defaultSeverity: .warning,
        message: "Required labels are missing",
        remediation: "Add the missing labels to metadata.labels and, for workloads, to the pod template's labels.",
        parameters: [
            ParameterSpec("labels", .stringList, default: ["app.kubernetes.io/name"], "Label keys every workload must carry."),
        ],
        rule: .object(appliesTo: PodSpecLocator.isWorkload) { context in
            let required = context.parameters.stringList("labels")
            var places = [(name: "metadata", labels: context.object.labels, path: JSONPointer(["metadata", "labels"]))]
            // A Pod's template is the Pod itself; every other workload's pod template needs the labels too.
            if context.object.kind != "Pod", let pod = context.object.podSpecs.first {
                places.append(("pod template", pod.templateMetadata?["labels"], pod.templateMetadataPath.appending("labels")))
            }
            return places.compactMap { place in
                let missing = required.filter { place.labels?[$0]?.string?.isEmpty ?? true }
                guard !missing.isEmpty else { return nil }
                return Violation(path: place.path, detail: "\(missing.joined(separator: ", ")) on \(place.name)")
            }
        }
    )
}
