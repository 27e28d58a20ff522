extension MutatorDefinition {
    /// Labels on the workload and its pod template. Selectors are never touched: they are immutable on most
    /// kinds and changing one orphans the controller's pods. A template is left alone where the API derives the
    /// selector from the template's labels (a missing selector on the older kinds), for the same reason. Pods
    /// owned by a controller are skipped: their labels come from the template, labelled already. The template gets
    /// the workload's own value where the workload has one, so that the pods never disagree with their workload.
    static let defaultLabels = MutatorDefinition(
        id: "defaultLabels",
        description: "Adds app.kubernetes.io/name and /instance from the workload's name, plus configured labels, to the workload and its pod template",
        enabledByDefault: true,
        parameters: [
            ParameterSpec("name", .boolean, default: true, "Add app.kubernetes.io/name with the workload's name."),
            ParameterSpec("instance", .boolean, default: true, "Add app.kubernetes.io/instance with the workload's metadata.name."),
            ParameterSpec("labels", .stringMap, default: [:], "More labels to add where missing, e.g. {team: payments}."),
        ],
        fixes: ["requiredLabelsMissing", "metadataAndInstanceMismatched"],
        changesPodSpec: false,
        mutate: { context, patch in
            let object = context.object
            // Without a pod spec the API server refuses the object anyway: nothing to label, as for every mutator.
            guard PodSpecLocator.isWorkload(object), let pod = object.podSpecs.first, !WorkloadLabels.isControlled(object)
            else { return }
            let labels = WorkloadLabels.wanted(for: object, context.parameters)
            guard !labels.isEmpty else { return }
            let own = JSONPointer(["metadata", "labels"])
            for (key, value) in labels {
                if let set = object.labels?[key], !set.isNull { continue }
                patch.setIfMissing(own.appending(key), .string(value))
            }
            guard object.kind != "Pod", WorkloadLabels.templateLabelsAreFree(object) else { return }
            let template = pod.templateMetadataPath.appending("labels")
            for (key, value) in labels {
                if let set = pod.templateMetadata?["labels"]?[key], !set.isNull { continue }
                // The workload's value where it has one: an author's `team: search` is not overruled on its pods.
                // An empty one counts as none, as for requiredLabelsMissing.
                let workloadValue = object.labels?[key]?.string.flatMap { $0.isEmpty ? nil : $0 } ?? value
                patch.setIfMissing(template.appending(key), .string(workloadValue))
            }
        }
    )
}

enum WorkloadLabels {
    /// The labels to add, valid label values only (a name longer than 63 characters cannot be a label value).
    static func wanted(for object: KubernetesObject, _ parameters: Parameters) -> [(String, String)] {
        var labels: [(String, String)] = []
        let name = object.value["metadata"]?["name"]?.string ?? ""
        // An object named by generateName has no name yet; its prefix still names the application.
        var applicationName = name
        if applicationName.isEmpty, var prefix = object.value["metadata"]?["generateName"]?.string {
            while prefix.hasSuffix("-") || prefix.hasSuffix(".") { prefix.removeLast() }
            applicationName = prefix
        }
        if parameters.bool("name"), isValidLabelValue(applicationName) {
            labels.append(("app.kubernetes.io/name", applicationName))
        }
        if parameters.bool("instance"), isValidLabelValue(name) { labels.append(("app.kubernetes.io/instance", name)) }
        for (key, value) in parameters.stringMap("labels") where isValidLabelValue(value) || value.isEmpty {
            labels.append((key, value))
        }
        return labels
    }

    /// True for a Pod that a controller created.
    static func isControlled(_ object: KubernetesObject) -> Bool {
        object.kind == "Pod"
            && object.value["metadata"]?["ownerReferences"]?.elements?.contains { $0["controller"]?.bool == true } == true
    }

    /// False where a missing selector is defaulted from the template's labels (ReplicationController, and the
    /// extensions/v1beta1 workloads), so new template labels would change the selector.
    static func templateLabelsAreFree(_ object: KubernetesObject) -> Bool {
        guard ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"].contains(object.kind)
        else { return true }
        guard let selector = object.value["spec"]?["selector"] else { return false }
        return !selector.isNull
    }

    /// A non-empty Kubernetes label value: at most 63 characters, alphanumeric at both ends, `-_.` inside.
    static func isValidLabelValue(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        guard alphanumeric(bytes[0]), alphanumeric(bytes[bytes.count - 1]) else { return false }
        return bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }
}
