import AdmissionCore

/// The pods behind a `clientConfig.service` webhook: the Service, then the workloads its selector picks.
struct Backend {
    /// `clientConfig.service`, namespace defaulted; nil for `clientConfig.url` webhooks.
    let reference: (name: String, namespace: String, port: Int)?
    let service: KubernetesObject?
    /// The Deployments, StatefulSets and DaemonSets behind the Service; nil without a Service or a selector.
    let workloads: [KubernetesObject]?

    var namespace: String? { reference?.namespace }

    init(entry: WebhookEntry, context: DoctorContext) {
        reference = entry.url == nil ? entry.service(defaultNamespace: context.defaultNamespace) : nil
        service = reference.flatMap { context.inventory.service(named: $0.name, namespace: $0.namespace) }
        workloads = service.flatMap(context.inventory.workloads(behind:))
    }
}

/// A `failurePolicy: Fail` webhook is as available as its pods: at least two, and a disruption budget so that a
/// node drain never evicts them all at once.
extension WebhookCheckup {
    mutating func checkBackend(_ backend: Backend) {
        guard let reference = backend.reference, !reference.name.isEmpty else { return }
        let serviceName = "\(reference.namespace)/\(reference.name)"
        guard let service = backend.service else {
            report(.webhookServiceNotFound, .warning,
                   "Service \(serviceName) is not in the input: its port\(entry.failsClosed ? ", replicas and disruption budget" : "") cannot be checked")
            return
        }
        if service.value["spec"]?["type"]?.isString("ExternalName") == true { return }
        checkPort(reference.port, of: service, named: serviceName)
        guard entry.failsClosed else { return }
        guard let workloads = backend.workloads, !workloads.isEmpty else {
            let why = backend.workloads == nil ? "Service \(serviceName) has no selector"
                : "no Deployment, StatefulSet or DaemonSet in the input has pods that Service \(serviceName) selects"
            report(.webhookWorkloadNotFound, .warning, "\(why): replicas and disruption budget cannot be checked")
            return
        }
        // A DaemonSet runs on every node, and drains leave its pods alone: nothing to count.
        let counted = workloads.filter { $0.kind != "DaemonSet" }
        guard counted.count == workloads.count else { return }
        let replicas = counted.map(minimumReplicas)
        let total = replicas.reduce(0) { $0 + $1.count }
        if total < 2 {
            let described = zip(counted, replicas).map { "\($0.kind) \($0.namespace)/\($0.name) (\($1.why))" }
                .joined(separator: " and ")
            let verb = counted.count == 1 ? "runs" : "run"
            let consequence = total < 1 ? "no pod at all: every request the webhook matches is rejected"
                : "a single pod: while it restarts, is evicted or loses its node, every request the webhook matches is rejected"
            report(.failClosedWithoutReplicas, .danger, "\(entry.failurePolicyText), but \(described) \(verb) \(consequence)")
        }
        for (workload, replicas) in zip(counted, replicas) {
            checkDisruptionBudget(of: workload, replicas: replicas.count)
        }
    }

    private mutating func checkPort(_ port: Int, of service: KubernetesObject, named serviceName: String) {
        let ports = service.value["spec"]?["ports"]?.elements.map { $0.compactMap { $0["port"]?.int } } ?? []
        guard !ports.contains(port) else { return }
        let consequence = entry.failsClosed ? "every request it matches is rejected" : "nothing is ever judged"
        report(.servicePortMismatch, .danger,
               "clientConfig.service.port \(port) is not a port of Service \(serviceName) (\(ports.map(String.init).joined(separator: ", "))): every call fails, so \(consequence)")
    }

    /// The fewest pods the workload may run: an HPA's minReplicas (default 1) when one scales it, else
    /// spec.replicas (default 1).
    private func minimumReplicas(_ workload: KubernetesObject) -> (count: Int, why: String) {
        if let hpa = context.inventory.autoscaler(of: workload) {
            let minimum = hpa.value["spec"]?["minReplicas"]?.int
            return (minimum ?? 1, "HorizontalPodAutoscaler \(hpa.name) minReplicas \(minimum.map(String.init) ?? "unset (1)")")
        }
        guard let replicas = workload.value["spec"]?["replicas"]?.int else { return (1, "replicas unset (1)") }
        return (replicas, "replicas \(replicas)")
    }

    private mutating func checkDisruptionBudget(of workload: KubernetesObject, replicas: Int) {
        let name = "\(workload.kind) \(workload.namespace)/\(workload.name)"
        let budgets = context.inventory.disruptionBudgets(of: workload)
        guard !budgets.isEmpty else {
            report(.failClosedWithoutDisruptionBudget, .danger,
                   "\(entry.failurePolicyText), but no PodDisruptionBudget selects the pods of \(name): a node drain or cluster upgrade may evict them all at once, and every request the webhook matches is rejected until one is back")
            return
        }
        // Below two replicas no budget helps, and failClosedWithoutReplicas already says so.
        guard replicas >= 2, let loose = budgets.first, !budgets.contains(where: { protects($0, replicas: replicas) })
        else { return }
        report(.failClosedWithoutDisruptionBudget, .danger,
               "\(entry.failurePolicyText), but PodDisruptionBudget \(loose.name) (\(Self.budgetText(loose))) lets every one of the \(replicas) pods of \(name) be evicted at once")
    }

    /// True when the budget keeps at least one of `replicas` pods through voluntary disruptions.
    private func protects(_ budget: KubernetesObject, replicas: Int) -> Bool {
        let spec = budget.value["spec"]
        if let minAvailable = LabelSelection.scaled(spec?["minAvailable"], total: replicas) { return minAvailable >= 1 }
        if let maxUnavailable = LabelSelection.scaled(spec?["maxUnavailable"], total: replicas) {
            return maxUnavailable < replicas
        }
        // policy/v1beta1 defaulted an empty budget to minAvailable: 1; policy/v1 does not.
        return budget.apiVersion == "policy/v1beta1"
    }

    private static func budgetText(_ budget: KubernetesObject) -> String {
        let spec = budget.value["spec"]
        for key in ["minAvailable", "maxUnavailable"] {
            if let value = spec?[key], !value.isNull { return "\(key) \(value.string ?? value.numberText ?? "?")" }
        }
        return "neither minAvailable nor maxUnavailable"
    }
}
