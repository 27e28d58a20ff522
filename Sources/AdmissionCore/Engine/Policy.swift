/// The policy in force: which checks run at what severity with which parameters, which mutators run, what is
/// exempt. `Policy()` is the built-in default; `examples/policy.yaml` spells out the same values, and
/// PolicyConfig turns a policy file into this value.
public struct Policy: Sendable {
    public struct CheckSettings: Sendable {
        public var severity: Severity
        public var parameters: JSONObject
        /// Dated enforcement: a `danger` finding only warns until and including this day (saying when it will
        /// start denying), and denies from the day after.
        public var denyAfter: CalendarDate?

        public init(severity: Severity, parameters: JSONObject = JSONObject(), denyAfter: CalendarDate? = nil) {
            self.severity = severity
            self.parameters = parameters
            self.denyAfter = denyAfter
        }
    }

    public struct MutatorSettings: Sendable {
        public var enabled: Bool
        public var parameters: JSONObject

        public init(enabled: Bool, parameters: JSONObject = JSONObject()) {
            self.enabled = enabled
            self.parameters = parameters
        }
    }

    /// Annotation prefix for exemptions: `harbormaster.io/exempt: "true"` skips every check on the object,
    /// `harbormaster.io/exempt-<checkID>: "<reason>"` skips one (see `AnnotationExemptions`).
    public static let annotationPrefix = AnnotationExemptions.prefix

    public var mode: EnforcementMode
    /// Per-check settings; a check not listed runs at its default severity with default parameters.
    public var checks: [String: CheckSettings]
    /// Per-mutator settings; a mutator not listed uses its default.
    public var mutators: [String: MutatorSettings]
    /// Objects in these namespaces are neither judged nor mutated.
    public var exemptNamespaces: Set<String>
    /// When set (`--check ID`), only these checks run, each at `danger`.
    public var onlyChecks: Set<String>?
    /// `exemptions.rules`: findings dropped by namespace, object name, container and check.
    public var exemptionRules: [ExemptionRule] = []
    /// Which exemptions are honoured outside any namespace override.
    public var switches = ExemptionSwitches()
    /// `namespaces:`, in file order; the first entry matching an object's namespace applies.
    public var namespaceOverrides: [NamespaceOverride] = []

    /// `admission:`: how verdicts are answered (warnings, dry runs, updates).
    public var admission = AdmissionSettings()
    /// A short hash of the policy's source, recorded in audit annotations so that the audit log says which policy
    /// decided. PolicyConfig sets it from the file's bytes; a policy built in code is "builtin".
    public var revision = "builtin"

    public struct AdmissionSettings: Sendable, Equatable {
        /// At most this many warnings per response; the rest are counted in a final "+N more" warning.
        public var maxWarnings: Int
        /// On `dryRun` requests, every finding (audit mode too) and every would-be mutation is a warning, so
        /// that `kubectl apply --dry-run=server` works as a linter. Denials stay denials.
        public var dryRunPreview: Bool
        /// On UPDATE, deny only violations the update introduces; ones the old object had already only warn.
        public var updateRatchet: Bool

        public init(maxWarnings: Int = 10, dryRunPreview: Bool = true, updateRatchet: Bool = true) {
            self.maxWarnings = maxWarnings
            self.dryRunPreview = dryRunPreview
            self.updateRatchet = updateRatchet
        }
    }

    /// `mutation:`: when the mutating webhook acts.
    public var mutation = MutationSettings()

    public struct MutationSettings: Sendable, Equatable {
        /// Mutate on UPDATE too (CREATE only by default: changing a live workload's template restarts its pods).
        public var onUpdate: Bool
        /// Record the mutators that changed an object in its `harbormaster.io/mutated-by` annotation.
        public var provenanceAnnotation: Bool

        public init(onUpdate: Bool = false, provenanceAnnotation: Bool = true) {
            self.onUpdate = onUpdate
            self.provenanceAnnotation = provenanceAnnotation
        }
    }

    public static let defaultExemptNamespaces: Set<String> = ["kube-system", "kube-node-lease"]

    public init(
        mode: EnforcementMode = .enforce, checks: [String: CheckSettings] = [:],
        mutators: [String: MutatorSettings] = [:], exemptNamespaces: Set<String> = Policy.defaultExemptNamespaces
    ) {
        self.mode = mode
        self.checks = checks
        self.mutators = mutators
        self.exemptNamespaces = exemptNamespaces
    }

    /// This policy limited to `ids`, each at `danger` (the `--check` option).
    public func restricted(to ids: Set<String>) -> Policy {
        var copy = self
        copy.onlyChecks = ids
        return copy
    }

    public func severity(of check: CheckDefinition) -> Severity {
        if let onlyChecks { return onlyChecks.contains(check.id) ? .danger : .ignore }
        return checks[check.id]?.severity ?? check.defaultSeverity
    }

    /// The severity in namespaces that `override` covers (`--check` still wins).
    public func severity(of check: CheckDefinition, under override: NamespaceOverride?) -> Severity {
        guard onlyChecks == nil, let severity = override?.severities[check.id] else { return severity(of: check) }
        return severity
    }

    /// The index of the first namespace override matching `namespace`.
    public func overrideIndex(for namespace: String) -> Int? {
        namespaceOverrides.firstIndex { $0.matches(namespace) }
    }

    /// The mode for objects in `namespace`.
    public func mode(in namespace: String) -> EnforcementMode {
        overrideIndex(for: namespace).flatMap { namespaceOverrides[$0].mode } ?? mode
    }

    /// The exemption switches for objects in `namespace`.
    public func switches(in namespace: String) -> ExemptionSwitches {
        guard let index = overrideIndex(for: namespace) else { return switches }
        var result = switches
        let override = namespaceOverrides[index]
        if let allow = override.allowAnnotationExemptions { result.allowAnnotationExemptions = allow }
        if let allow = override.allowConfigExemptions { result.allowConfigExemptions = allow }
        return result
    }

    public func parameters(of check: CheckDefinition) -> Parameters {
        Parameters(specs: check.parameters, configured: checks[check.id]?.parameters ?? JSONObject())
    }

    public func isEnabled(_ mutator: MutatorDefinition) -> Bool {
        mutators[mutator.id]?.enabled ?? mutator.enabledByDefault
    }

    /// Whether `mutator` runs for objects in `namespace` (a namespace override may switch it on or off).
    public func isEnabled(_ mutator: MutatorDefinition, in namespace: String) -> Bool {
        if let index = overrideIndex(for: namespace), let enabled = namespaceOverrides[index].mutators[mutator.id] {
            return enabled
        }
        return isEnabled(mutator)
    }

    public func parameters(of mutator: MutatorDefinition) -> Parameters {
        Parameters(specs: mutator.parameters, configured: mutators[mutator.id]?.parameters ?? JSONObject())
    }

    /// True when the object opted out of `id` (or of everything) by an annotation that holds on `today`.
    public func isExempt(_ object: KubernetesObject, from id: String, today: CalendarDate?) -> Bool {
        AnnotationExemptions(object, switches: switches(in: object.namespace), today: today).exempts(id)
    }
}
