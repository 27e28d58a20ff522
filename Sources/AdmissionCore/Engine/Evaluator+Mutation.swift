extension Evaluator {
    /// Annotation listing the mutators that changed an object, so that nobody wonders where a value came from.
    public static let provenanceAnnotation = AnnotationExemptions.prefix + "mutated-by"

    /// The JSONPatch that the enabled mutators apply to `object`, as one minimal patch against it. On UPDATE
    /// (only when the policy allows it) mutators that change the pod spec skip Pods, whose spec is immutable.
    /// Exemptions (namespaces, annotations, `exemptions.rules` naming the mutator) and namespace overrides hold
    /// exactly as for the checks.
    public func patch(
        for object: KubernetesObject, operation: AdmissionRequest.Operation = .create, today: CalendarDate? = nil
    ) -> [PatchOperation] {
        mutation(of: object, operation: operation, today: today).operations
    }

    /// The patch together with what each mutator changed (paths), for dry-run previews.
    func mutation(
        of object: KubernetesObject, operation: AdmissionRequest.Operation, today: CalendarDate?
    ) -> (operations: [PatchOperation], changes: [(mutator: String, paths: ArraySlice<JSONPointer>)]) {
        guard operation == .create || (operation == .update && policy.mutation.onUpdate),
            !policy.exemptNamespaces.contains(object.namespace)
        else { return ([], []) }
        let switches = policy.switches(in: object.namespace)
        let annotations = AnnotationExemptions(object, switches: switches, today: today)
        if annotations.exemptsEverything { return ([], []) }
        let rules = switches.allowConfigExemptions ? policy.exemptionRules : []
        let podIsRunning = operation == .update && object.kind == "Pod"
        var builder = PatchBuilder(object.value)
        var changes: [(mutator: String, paths: ArraySlice<JSONPointer>)] = []
        let plan = policy.overrideIndex(for: object.namespace).map { overrideMutatorPlans[$0] } ?? mutatorPlan
        for planned in plan {
            let mutator = planned.mutator
            if annotations.exempts(mutator.id) || (podIsRunning && mutator.changesPodSpec) { continue }
            var exemptContainers: [GlobPattern] = []
            if !rules.isEmpty {
                let covering = rules.filter { $0.covers(object, check: mutator.id) }
                if covering.contains(where: { $0.containers.isEmpty }) { continue }
                exemptContainers = covering.flatMap(\.containers)
            }
            let context = MutationContext(object: object, parameters: planned.parameters, exemptContainers: exemptContainers)
            let before = builder.changeCount
            mutator.mutate(context, &builder)
            if builder.changeCount > before { changes.append((mutator.id, builder.changedPaths[before...])) }
        }
        if policy.mutation.provenanceAnnotation, !changes.isEmpty {
            recordProvenance(changes.map(\.mutator), on: object, in: &builder)
        }
        return (builder.operations, changes)
    }

    /// Adds the mutator IDs to the provenance annotation, keeping the ones an earlier pass recorded.
    private func recordProvenance(_ ids: [String], on object: KubernetesObject, in builder: inout PatchBuilder) {
        let path = JSONPointer(["metadata", "annotations", Self.provenanceAnnotation])
        let recorded = object.annotation(Self.provenanceAnnotation)?.split(separator: ",").map(String.init) ?? []
        let all = recorded + ids.filter { !recorded.contains($0) }
        builder.set(path, .string(all.joined(separator: ",")))
    }
}
