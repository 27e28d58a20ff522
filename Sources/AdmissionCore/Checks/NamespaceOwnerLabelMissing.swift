extension CheckDefinition {
    /// A Namespace carrying none of the configured owner label keys (any one of them, non-empty, is enough).
    static let namespaceOwnerLabelMissing = CheckDefinition(
        id: "namespaceOwnerLabelMissing",
        category: .organization,
        defaultSeverity: .warning,
        message: "Namespace should name its owner in a label",
        remediation: "Add one of the owner labels (for example owner: payments) to the namespace's labels.",
        parameters: [
            ParameterSpec("labels", .stringList, default: ["owner", "team"], "Label keys a Namespace needs one of."),
        ],
        snippet: "metadata: {labels: {owner: payments}}",
        rule: .object(appliesTo: { $0.kind == "Namespace" && $0.group.isEmpty }) { context in
            let keys = context.parameters.stringList("labels")
            let owned = keys.contains { context.object.label($0)?.isEmpty == false }
            guard !keys.isEmpty, !owned else { return [] }
            let detail = "none of \(keys.joined(separator: ", "))"
            return [Violation(path: JSONPointer(["metadata", "labels"]), detail: detail)]
        }
    )
}
