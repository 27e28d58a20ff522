import AdmissionCore

/// An object of the input with where it was read.
struct LocatedObject {
    let object: KubernetesObject
    let file: String
    let line: Int
}

/// Every object given to the doctor, and the lookups the checks need (the Service behind a webhook, the workloads
/// behind a Service, their HPAs, PDBs and Secrets, the Namespaces' labels).
struct DoctorInventory {
    let objects: [LocatedObject]

    /// Reads every input with the loaders `audit` uses (multi-document YAML, JSON, `kind: List`).
    init(_ inputs: [InputFile], defaultNamespace: String) throws(HarnessError) {
        var objects: [LocatedObject] = []
        for input in inputs {
            for document in try DocumentLoader.documents(in: input) {
                for value in try Manifest(document).objects {
                    objects.append(LocatedObject(
                        object: KubernetesObject(value, defaultNamespace: defaultNamespace),
                        file: document.file, line: document.line
                    ))
                }
            }
        }
        self.objects = objects
    }

    func objects(kind: String, namespace: String) -> [KubernetesObject] {
        objects.map(\.object).filter { $0.kind == kind && $0.namespace == namespace }
    }

    func service(named name: String, namespace: String) -> KubernetesObject? {
        objects(kind: "Service", namespace: namespace).first { $0.name == name }
    }

    /// Deployments, StatefulSets and DaemonSets whose pod template carries every label of the Service's selector.
    /// Nil when the Service has no selector (its endpoints are managed by someone else).
    func workloads(behind service: KubernetesObject) -> [KubernetesObject]? {
        guard let selector = service.value["spec"]?["selector"].map(LabelSelection.labels), !selector.isEmpty else {
            return nil
        }
        return ["Deployment", "StatefulSet", "DaemonSet"].flatMap { objects(kind: $0, namespace: service.namespace) }
            .filter { workload in
                let labels = workload.podTemplateLabels
                return selector.allSatisfy { labels[$0.key] == $0.value }
            }
    }

    /// The HorizontalPodAutoscaler scaling `workload`, if any.
    func autoscaler(of workload: KubernetesObject) -> KubernetesObject? {
        objects(kind: "HorizontalPodAutoscaler", namespace: workload.namespace).first { hpa in
            let target = hpa.value["spec"]?["scaleTargetRef"]
            return target?["kind"]?.isString(workload.kind) == true && target?["name"]?.isString(workload.name) == true
        }
    }

    /// PodDisruptionBudgets whose selector selects the pods of `workload`.
    func disruptionBudgets(of workload: KubernetesObject) -> [KubernetesObject] {
        let labels = workload.podTemplateLabels
        return objects(kind: "PodDisruptionBudget", namespace: workload.namespace).filter { pdb in
            // policy/v1: an empty selector selects every pod of the namespace, a missing one none.
            LabelSelection.matches(pdb.value["spec"]?["selector"], labels: labels, whenAbsent: false)
        }
    }

    /// The labels a namespace carries: those of a Namespace object in the input, plus the name label the API server
    /// sets on every namespace (1.21 and later).
    func namespaceLabels(_ name: String) -> [String: String] {
        var labels = objects.map(\.object).first { $0.kind == "Namespace" && $0.name == name }
            .map { LabelSelection.labels($0.labels) } ?? [:]
        labels["kubernetes.io/metadata.name"] = name
        return labels
    }

    /// The first Secret mounted by `workload`'s pods that holds a `tls.crt`: its name and the decoded PEM.
    func servingCertificateSecret(of workload: KubernetesObject) -> (name: String, pem: [UInt8]?)? {
        let volumes = workload.value["spec"]?["template"]?["spec"]?["volumes"]?.elements.map(Array.init) ?? []
        var names: [String] = []
        for volume in volumes {
            if let name = volume["secret"]?["secretName"]?.string { names.append(name) }
            for source in volume["projected"]?["sources"]?.elements.map(Array.init) ?? [] {
                if let name = source["secret"]?["name"]?.string { names.append(name) }
            }
        }
        for name in names {
            guard let secret = objects(kind: "Secret", namespace: workload.namespace).first(where: { $0.name == name }),
                let encoded = secret.value["data"]?["tls.crt"]?.string ?? secret.value["stringData"]?["tls.crt"]?.string
            else { continue }
            let isStringData = secret.value["data"]?["tls.crt"] == nil
            return ("\(secret.namespace)/\(secret.name)", isStringData ? Array(encoded.utf8) : Base64.decode(encoded))
        }
        return nil
    }
}

extension KubernetesObject {
    var podTemplateLabels: [String: String] {
        LabelSelection.labels(value["spec"]?["template"]?["metadata"]?["labels"])
    }
}
