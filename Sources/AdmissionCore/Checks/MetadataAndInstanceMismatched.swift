extension CheckDefinition {
    /// Judges the object's own labels. Pods owned by a controller pass: their generated names never match, and
    /// their controller is judged instead. Objects named only by generateName cannot match either, so pass too.
    static let metadataAndInstanceMismatched = CheckDefinition(
        id: "metadataAndInstanceMismatched",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Label app.kubernetes.io/instance should equal metadata.name",
        remediation: "Set the app.kubernetes.io/instance label to the object's metadata.name.",
        rule: .object(appliesTo: PodSpecLocator.isWorkload) { context in
            let metadata = context.object.value["metadata"]
            guard let name = metadata?["name"]?.string, !name.isEmpty,
                metadata?["ownerReferences"]?.elements?.contains(where: { $0["controller"]?.bool == true }) != true
            else { return [] }
            let instance = context.object.label("app.kubernetes.io/instance")
            guard instance != name else { return [] }
            let path = JSONPointer(["metadata", "labels", "app.kubernetes.io/instance"])
            return [Violation(path: path, detail: instance.map { "\($0) is not \(name)" } ?? "label missing")]
        }
    )
}
