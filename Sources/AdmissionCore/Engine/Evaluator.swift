/// The engine: judges objects against the policy and computes mutations. Pure and `Sendable`, so one value
/// serves every request concurrently; the webhook server and the CLI harness call the same methods.
public struct Evaluator: Sendable {
    public let policy: Policy
    public let checks: [CheckDefinition]
    public let mutators: [MutatorDefinition]

    public init(
        policy: Policy = Policy(), checks: [CheckDefinition] = BuiltinChecks.all,
        mutators: [MutatorDefinition] = BuiltinMutators.all
    ) {
        self.policy = policy
        self.checks = checks
        self.mutators = mutators
    }

    /// Every finding for `object` at its configured severity (checks at `ignore` do not run).
    public func judge(_ object: KubernetesObject) -> Judgement {
        var judgement = Judgement()
        guard !policy.exemptNamespaces.contains(object.namespace) else { return judgement }
        let pods = object.podSpecs
        for check in checks {
            let severity = policy.severity(of: check)
            guard severity != .ignore, !policy.isExempt(object, from: check.id) else { continue }
            let parameters = policy.parameters(of: check)
            var runs = 0
            func fail(_ path: JSONPointer, container: String? = nil, detail: String? = nil) {
                judgement.findings.append(Finding(
                    checkID: check.id, severity: severity, category: check.category,
                    message: detail.map { "\(check.message): \($0)" } ?? check.message,
                    remediation: check.remediation, path: path, container: container, fix: []
                ))
            }
            switch check.rule {
            case .container(let roles, let skipsRunToCompletion, let field, let passes):
                for pod in pods where !(skipsRunToCompletion && pod.runsToCompletion) {
                    for location in pod.containers where roles.contains(location.role) {
                        runs += 1
                        let context = ContainerContext(object: object, pod: pod, location: location, parameters: parameters)
                        if !passes(context) { fail(location.path.appending(field: field), container: location.name) }
                    }
                }
            case .podSpec(let field, let passes):
                for pod in pods {
                    runs += 1
                    if !passes(PodSpecContext(object: object, pod: pod, parameters: parameters)) {
                        fail(pod.path.appending(field: field))
                    }
                }
            case .object(let appliesTo, let violations):
                guard appliesTo(object) else { break }
                runs += 1
                for violation in violations(ObjectContext(object: object, parameters: parameters)) {
                    fail(violation.path, detail: violation.detail)
                }
            }
            if runs > 0 { judgement.evaluations[check.id, default: 0] += runs }
        }
        attachFixes(to: &judgement, for: object)
        return judgement
    }

    /// The JSONPatch that every enabled mutator applies to `object`, in registry order. Each mutator sees the
    /// output of the ones before it; the concatenated operations apply in one pass.
    public func patch(for object: KubernetesObject) -> [PatchOperation] {
        guard !policy.exemptNamespaces.contains(object.namespace) else { return [] }
        let enabled = mutators.filter { policy.isEnabled($0) && !policy.isExempt(object, from: $0.id) }
        return Self.run(enabled, on: object) { policy.parameters(of: $0) }
    }

    private static func run(
        _ mutators: [MutatorDefinition], on object: KubernetesObject, parameters: (MutatorDefinition) -> Parameters
    ) -> [PatchOperation] {
        var operations: [PatchOperation] = []
        var current = object
        for (position, mutator) in mutators.enumerated() {
            let step = mutator.mutate(MutationContext(object: current, parameters: parameters(mutator)))
            guard !step.isEmpty else { continue }
            operations += step
            // Re-read the object only when another mutator still has to see this one's changes.
            if position + 1 < mutators.count, let updated = try? JSON(current.value).applying(step),
                let document = try? JSONDocument(parsing: JSONWriter().bytes(updated))
            {
                current = KubernetesObject(document.root, defaultNamespace: current.namespace)
            }
        }
        return operations
    }

    /// A finding's fix is the part of its mutator's patch that touches the finding's path (or creates a parent
    /// of it), computed with the mutator's configured parameters even when the mutator itself is off.
    private func attachFixes(to judgement: inout Judgement, for object: KubernetesObject) {
        var patches: [String: [PatchOperation]] = [:]
        for index in judgement.findings.indices {
            guard let check = checks.first(where: { $0.id == judgement.findings[index].checkID }),
                let mutatorID = check.fixedBy, let mutator = mutators.first(where: { $0.id == mutatorID })
            else { continue }
            if patches[mutatorID] == nil {
                patches[mutatorID] = Self.run([mutator], on: object) { policy.parameters(of: $0) }
            }
            let path = judgement.findings[index].path.tokens
            judgement.findings[index].fix = (patches[mutatorID] ?? []).filter {
                path.starts(with: $0.path.tokens) || $0.path.tokens.starts(with: path)
            }
        }
    }
}

extension JSONPointer {
    /// Appends a slash-separated relative field such as `resources/requests/cpu`.
    func appending(field: String?) -> JSONPointer {
        guard let field else { return self }
        return appending(JSONPointer(field.split(separator: "/").map(String.init)))
    }
}
