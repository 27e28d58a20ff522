/// What the webhook is called for: the control plane's namespaces and its own must be left out, or a webhook that
/// is down stops the very pods that would bring things back.
extension WebhookCheckup {
    static let systemNamespaces = ["kube-system", "kube-node-lease"]

    mutating func checkScope(backend: Backend) {
        // A webhook whose every rule is cluster-scoped is never asked about objects in a namespace.
        if !entry.onlyClusterScoped {
            checkSystemNamespaces()
            checkOwnNamespace(backend: backend)
        }
        checkNamespaceRules()
    }

    /// True when the namespaceSelector selects `namespace`, judged on the labels the API server puts on every
    /// namespace (`kubernetes.io/metadata.name`) plus those of a Namespace object given in the input.
    private func selects(namespace: String) -> Bool {
        LabelSelection.matches(
            entry.namespaceSelector, labels: context.inventory.namespaceLabels(namespace), whenAbsent: true
        )
    }

    private mutating func checkSystemNamespaces() {
        let included = Self.systemNamespaces.filter(selects)
        guard !included.isEmpty else { return }
        let names = included.joined(separator: ", ")
        if entry.failsClosed {
            let what = included.map { $0 == "kube-system" ? "the control plane's add-ons (CoreDNS, kube-proxy, the CNI)" : "node heartbeats (Leases)" }
            report(.systemNamespacesNotExcluded, .danger,
                   "\(entry.failurePolicyText), and its namespaceSelector does not leave out \(names): while the webhook is down, what it matches there is rejected, \(what.joined(separator: " and ")) among it, so the cluster cannot repair itself")
        } else {
            report(.systemNamespacesNotExcluded, .warning,
                   "its namespaceSelector does not leave out \(names): while the webhook is down, every request it matches there waits up to its timeout, and a policy that denies would stop the control plane's add-ons")
        }
    }

    private mutating func checkOwnNamespace(backend: Backend) {
        guard let own = backend.namespace, !Self.systemNamespaces.contains(own), selects(namespace: own) else { return }
        // An objectSelector that leaves out the webhook's own pods protects them as well.
        if let workloads = backend.workloads, !workloads.isEmpty, !workloads.contains(where: {
            LabelSelection.matches(entry.objectSelector, labels: $0.podTemplateLabels, whenAbsent: true)
        }) { return }
        if entry.failsClosed {
            report(.ownNamespaceNotExcluded, .danger,
                   "\(entry.failurePolicyText), and its namespaceSelector does not leave out its own namespace \(own): once every webhook pod is down, their replacements are rejected by the webhook they would bring back, and only deleting the configuration recovers")
        } else {
            report(.ownNamespaceNotExcluded, .warning,
                   "its namespaceSelector does not leave out its own namespace \(own): its own pods wait on it while it is down, and a policy that denies them would keep it from starting")
        }
    }

    private mutating func checkNamespaceRules() {
        guard entry.failsClosed, let operations = entry.operations(onCoreResource: "namespaces") else { return }
        let deletes = operations.contains("DELETE") || operations.contains("*")
        let list = Array(Set(operations)).sorted().joined(separator: ", ")
        report(.failClosedOnNamespaces, .warning,
               "\(entry.failurePolicyText), and its rules match namespaces (\(list)): while the webhook is down no namespace can be created or relabelled\(deletes ? " or deleted" : ""), not even one to reinstall it into")
    }
}
