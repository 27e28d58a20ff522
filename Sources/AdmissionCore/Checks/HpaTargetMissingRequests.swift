extension CheckDefinition {
    /// An HPA scaling on cpu or memory Utilization (a percentage of the request) whose target workload has
    /// containers without that request, so the HPA cannot compute utilization and never scales. Needs the
    /// `scaleTargetRef` workload in the same namespace (`audit`); nil when it is not there. An HPA without metrics
    /// defaults to 80% cpu utilization and counts as a cpu one.
    static let hpaTargetMissingRequests = CheckDefinition(
        id: "hpaTargetMissingRequests",
        category: .reliability,
        defaultSeverity: .warning,
        message: "HPA target has containers without the request its utilization metric needs",
        remediation: "Set resources.requests for the metric's resource on every container of the target workload.",
        snippet: "resources: {requests: {cpu: 250m, memory: 256Mi}}",
        rule: .crossResource(appliesTo: { $0.kind == "HorizontalPodAutoscaler" && $0.group == "autoscaling" }) {
            context in
            let spec = context.object.value["spec"]
            let needs = HpaUtilization.resources(of: spec, apiVersion: context.object.apiVersion)
            guard !needs.isEmpty else { return [] }  // no utilization metric: the HPA alone decides
            guard let ref = spec?["scaleTargetRef"], let kind = ref["kind"]?.string, let name = ref["name"]?.string,
                let target = context.cluster?.object(kind: kind, name: name, namespace: context.object.namespace)
            else { return nil }
            var violations: [Violation] = []
            for pod in target.podSpecs {
                for location in pod.containers where location.role == .regular {
                    for need in needs where need.container == nil || need.container == location.name {
                        let request = location.container["resources"]?["requests"]?[need.resource]
                        guard request?.quantity == nil else { continue }
                        violations.append(Violation(
                            path: JSONPointer(["spec", "scaleTargetRef"]),
                            detail: "container \(location.name) of \(kind)/\(name) has no \(need.resource) request"
                        ))
                    }
                }
            }
            return violations
        }
    )
}

/// Which resources an HPA measures as a percentage of requests, across autoscaling/v1, v2beta1, v2beta2 and v2.
enum HpaUtilization {
    static func resources(of spec: JSONValue?, apiVersion: String) -> [(resource: String, container: String?)] {
        // autoscaling/v1 only scales on cpu utilization; without metrics, a v2* HPA targets 80% average cpu too.
        if apiVersion == "autoscaling/v1" { return [("cpu", nil)] }
        guard let metrics = spec?["metrics"]?.elements, metrics.count > 0 else { return [("cpu", nil)] }
        var found: [(resource: String, container: String?)] = []
        for metric in metrics {
            let isContainer = metric["type"]?.isString("ContainerResource") == true
            guard isContainer || metric["type"]?.isString("Resource") == true,
                let source = metric[isContainer ? "containerResource" : "resource"],
                let resource = source["name"]?.string, resource == "cpu" || resource == "memory",
                source["target"]?["type"]?.isString("Utilization") == true || source["targetAverageUtilization"] != nil
            else { continue }
            found.append((resource, isContainer ? source["container"]?.string : nil))
        }
        return found
    }
}
