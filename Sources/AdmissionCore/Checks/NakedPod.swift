extension CheckDefinition {
    /// A Pod that no controller owns: nothing recreates it when its node fails, is drained or is upgraded.
    static let nakedPod = CheckDefinition(
        id: "nakedPod",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Pod should be managed by a controller",
        remediation: "Run it through a Deployment, StatefulSet, DaemonSet or Job, which recreates it when its node goes away.",
        snippet: "apiVersion: apps/v1, kind: Deployment, spec: {replicas: 2, selector: {...}, template: {...}}",
        rule: .object(appliesTo: { $0.kind == "Pod" && $0.group.isEmpty }) { context in
            let owners = context.object.value["metadata"]?["ownerReferences"]?.elements
            let managed = owners?.contains { $0["controller"]?.bool == true } ?? false
            return managed ? [] : [Violation(path: JSONPointer(["metadata", "ownerReferences"]))]
        }
    )
}
