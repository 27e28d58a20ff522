/// The engine: judges objects against the policy and computes mutations. Pure and `Sendable`, so one value
/// serves every request concurrently; the webhook server and the CLI harness call the same methods.
public struct Evaluator: Sendable {
    public let policy: Policy
    public let checks: [CheckDefinition]
    public let mutators: [MutatorDefinition]
    /// Severity, parameters and exemption keys resolved once per policy, not once per request.
    private let plan: [PlannedCheck]
    /// The plan under each of `policy.namespaceOverrides`, same order.
    private let overridePlans: [[PlannedCheck]]
    /// The enabled mutators with their parameters, in registry order; then the same under each override.
    let mutatorPlan: [PlannedMutator]
    let overrideMutatorPlans: [[PlannedMutator]]

    struct PlannedMutator: Sendable {
        let mutator: MutatorDefinition
        let parameters: Parameters
    }

    /// A class, so that walking the plan on every request retains one reference per check, not every field.
    final class PlannedCheck: Sendable {
        let check: CheckDefinition
        let severity: Severity
        let parameters: Parameters
        /// The rule's `field` as a pointer, split once here rather than on every failure.
        let field: JSONPointer
        /// Dated enforcement of a `danger` check (nil: none).
        let denyAfter: CalendarDate?

        init(check: CheckDefinition, severity: Severity, parameters: Parameters, field: JSONPointer, denyAfter: CalendarDate?) {
            self.check = check
            self.severity = severity
            self.parameters = parameters
            self.field = field
            self.denyAfter = denyAfter
        }
    }

    public init(
        policy: Policy = Policy(), checks: [CheckDefinition] = BuiltinChecks.all,
        mutators: [MutatorDefinition] = BuiltinMutators.all
    ) {
        self.policy = policy
        self.checks = checks
        self.mutators = mutators
        plan = Self.makePlan(checks, policy: policy, override: nil)
        overridePlans = policy.namespaceOverrides.map { Self.makePlan(checks, policy: policy, override: $0) }
        func mutatorPlan(enabled: (MutatorDefinition) -> Bool) -> [PlannedMutator] {
            mutators.filter(enabled).map { PlannedMutator(mutator: $0, parameters: policy.parameters(of: $0)) }
        }
        self.mutatorPlan = mutatorPlan { policy.isEnabled($0) }
        overrideMutatorPlans = policy.namespaceOverrides.map { override in
            mutatorPlan { override.mutators[$0.id] ?? policy.isEnabled($0) }
        }
    }

    private static func makePlan(
        _ checks: [CheckDefinition], policy: Policy, override: NamespaceOverride?
    ) -> [PlannedCheck] {
        checks.compactMap { check in
            let severity = policy.severity(of: check, under: override)
            guard severity != .ignore else { return nil }
            var field: String?
            switch check.rule {
            case .container(_, _, let containerField, _): field = containerField
            case .podSpec(let podField, _): field = podField
            case .object, .crossResource: field = nil
            }
            return PlannedCheck(
                check: check, severity: severity, parameters: policy.parameters(of: check),
                field: JSONPointer((field ?? "").split(separator: "/").map(String.init)),
                denyAfter: severity == .danger ? policy.checks[check.id]?.denyAfter : nil
            )
        }
    }

    /// Every finding for `object` at its configured severity (checks at `ignore` do not run). `withFixes` adds
    /// each finding's JSONPatch fix, which runs the fixing mutators: skipped where nobody reads it.
    /// `cluster` is every object judged together (`audit`); nil when the object is judged alone (the webhook).
    /// `today` decides whether `harbormaster.io/exempt-until` still holds; without it, dated exemptions do not.
    public func judge(
        _ object: KubernetesObject, cluster: ClusterObjects? = nil, withFixes: Bool = true, today: CalendarDate? = nil
    ) -> Judgement {
        var judgement = Judgement()
        guard !policy.exemptNamespaces.contains(object.namespace) else { return judgement }
        let pods = object.podSpecs
        let overrideIndex = policy.overrideIndex(for: object.namespace)
        let switches = policy.switches(in: object.namespace)
        let annotations = AnnotationExemptions(object, switches: switches, today: today)
        if annotations.exemptsEverything { return judgement }
        let rules = switches.allowConfigExemptions ? policy.exemptionRules : []
        for planned in overrideIndex.map({ overridePlans[$0] }) ?? plan {
            let check = planned.check
            var severity = planned.severity
            let parameters = planned.parameters
            if annotations.exempts(check.id) { continue }
            if rules.contains(where: { $0.containers.isEmpty && $0.covers(object, check: check.id) }) { continue }
            var lapse = annotations.lapse.flatMap { annotations.names(check.id) ? " (\($0))" : nil } ?? ""
            // Dated enforcement: warn until and including the day, deny after it. Without a date, not yet.
            if let denyAfter = planned.denyAfter, !(today.map { denyAfter < $0 } ?? false) {
                severity = .warning
                lapse += " (denies after \(denyAfter))"
            }
            var runs = 0
            func fail(_ path: JSONPointer, container: String? = nil, detail: String? = nil) {
                judgement.findings.append(Finding(
                    checkID: check.id, severity: severity, category: check.category,
                    message: (detail.map { "\(check.message): \($0)" } ?? check.message) + lapse,
                    remediation: check.remediation, path: path, container: container, fix: []
                ))
            }
            switch check.rule {
            case .container(let roles, let skipsRunToCompletion, _, let passes):
                for pod in pods where !(skipsRunToCompletion && pod.runsToCompletion) {
                    for location in pod.containers where roles.contains(location.role) {
                        runs += 1
                        let context = ContainerContext(object: object, pod: pod, location: location, parameters: parameters)
                        if !passes(context) {
                            fail(location.path.appending(planned.field), container: location.name, detail: check.explain?(context))
                        }
                    }
                }
            case .podSpec(_, let passes):
                for pod in pods {
                    runs += 1
                    if !passes(PodSpecContext(object: object, pod: pod, parameters: parameters)) {
                        fail(pod.path.appending(planned.field))
                    }
                }
            case .object(let appliesTo, let violations):
                guard appliesTo(object) else { break }
                runs += 1
                for violation in violations(ObjectContext(object: object, parameters: parameters, cluster: cluster)) {
                    fail(violation.path, detail: violation.detail)
                }
            case .crossResource(let appliesTo, let violations):
                guard appliesTo(object),
                    let found = violations(ObjectContext(object: object, parameters: parameters, cluster: cluster))
                else { break }
                runs += 1
                for violation in found { fail(violation.path, detail: violation.detail) }
            }
            if runs > 0 { judgement.runCounts.append((check.id, runs)) }
        }
        // Container rules drop single findings; the check still ran on the other containers.
        let containerRules = rules.filter { !$0.containers.isEmpty }
        if !containerRules.isEmpty {
            judgement.findings.removeAll { finding in containerRules.contains { $0.drops(finding, on: object) } }
        }
        if withFixes { attachFixes(to: &judgement, for: object) }
        return judgement
    }

    /// A finding's fix is the part of its mutator's patch that puts something at the finding's path (or inside
    /// it), computed with the mutator's configured parameters even when the mutator itself is off. For a
    /// container's finding, a pod-level setting of that container's pod counts too (a pod seccomp profile fixes
    /// each container's hardening). An operation that merely creates a parent without the finding's field (a
    /// memory limit when the CPU limit is missing) is not a fix.
    func attachFixes(to judgement: inout Judgement, for object: KubernetesObject) {
        var patches: [String: [PatchOperation]] = [:]
        for index in judgement.findings.indices {
            let finding = judgement.findings[index]
            guard let mutator = mutators.first(where: { $0.fixes.contains(finding.checkID) }) else { continue }
            if patches[mutator.id] == nil {
                var builder = PatchBuilder(object.value)
                mutator.mutate(MutationContext(object: object, parameters: policy.parameters(of: mutator)), &builder)
                patches[mutator.id] = builder.operations
            }
            let path = finding.path.tokens
            let pod = finding.container == nil ? nil : object.podSpecs.first { path.starts(with: $0.path.tokens) }
            judgement.findings[index].fix = (patches[mutator.id] ?? []).filter { operation in
                let target = operation.path.tokens
                if target.starts(with: path) { return true }
                if path.starts(with: target) {
                    let rest = JSONPointer(Array(path.dropFirst(target.count)))
                    return operation.value?.value(at: rest) != nil
                }
                guard let pod, target.starts(with: pod.path.tokens) else { return false }
                let inPod = target.dropFirst(pod.path.tokens.count)
                return !ContainerRole.allCases.contains { inPod.first == $0.field }
            }
        }
    }
}
