/// A check: data plus one small pure function.
///
/// To add one: write `Checks/<Name>.swift` with a `static let <id> = CheckDefinition(...)`, list it in
/// `BuiltinChecks.all`, add `pass.`/`fail.` fixtures under `Tests/AdmissionCoreTests/Fixtures/checks/<id>/`, add it to
/// `examples/policy.yaml`, and regenerate `docs/checks.md`. The meta-tests say what was missed.
public final class CheckDefinition: Sendable {
    /// Stable lowerCamelCase ID (Polaris's where one exists). Never renamed once released.
    public let id: String
    public let category: CheckCategory
    public let defaultSeverity: Severity
    /// What is wrong, as a fragment without a final period: "Liveness probe should be configured".
    public let message: String
    /// How to fix it, as a sentence ending in a period.
    public let remediation: String
    public let parameters: [ParameterSpec]
    public let rule: CheckRule
    /// For container rules: more to say about a failing container (appended to the message), e.g. why no
    /// mutator can fix it.
    public let explain: (@Sendable (ContainerContext) -> String?)?
    /// A short YAML snippet of the fix, for denials where no mutator writes the fix (`securityContext:
    /// {privileged: false}`).
    public let snippet: String?

    public init(
        id: String, category: CheckCategory, defaultSeverity: Severity, message: String, remediation: String,
        parameters: [ParameterSpec] = [], explain: (@Sendable (ContainerContext) -> String?)? = nil,
        snippet: String? = nil, rule: CheckRule
    ) {
        self.explain = explain
        self.snippet = snippet
        self.id = id
        self.category = category
        self.defaultSeverity = defaultSeverity
        self.message = message
        self.remediation = remediation
        self.parameters = parameters
        self.rule = rule
    }
}

extension CheckDefinition {
    /// The built-in mutator whose patch fixes a finding of this check, if any (mutators declare what they fix).
    public var fixedBy: String? { BuiltinMutators.all.first { $0.fixes.contains(id) }?.id }

    /// True when the check needs other objects: it runs fully in `audit`, and in the webhook only where the
    /// reviewed object alone decides.
    public var needsOtherObjects: Bool {
        if case .crossResource = rule { return true }
        return false
    }

    /// What the check looks at, for listings: "container", "pod spec", "object" or "object + others".
    public var scope: String {
        switch rule {
        case .container: return "container"
        case .podSpec: return "pod spec"
        case .object: return "object"
        case .crossResource: return "object + others"
        }
    }
}

public enum CheckCategory: String, Sendable, CaseIterable {
    case reliability = "Reliability"
    case efficiency = "Efficiency"
    case security = "Security"
    case organization = "Organization"
}

/// What a check looks at, and how it decides.
public enum CheckRule: Sendable {
    /// Judged once per container of the given roles. `field` (slash-separated, relative to the container) is where
    /// the problem sits, for the finding's path. Pods that run to completion (Jobs) can be skipped.
    case container(
        roles: Set<ContainerRole>, skipsRunToCompletion: Bool, field: String?,
        passes: @Sendable (ContainerContext) -> Bool
    )
    /// Judged once per pod spec; `field` is relative to the pod spec.
    case podSpec(field: String?, passes: @Sendable (PodSpecContext) -> Bool)
    /// Judged once per object the check applies to; returns every violation with its own path and detail.
    case object(appliesTo: @Sendable (KubernetesObject) -> Bool, violations: @Sendable (ObjectContext) -> [Violation])
    /// Needs other objects (a PodDisruptionBudget for a Deployment, the Role a binding names). Judged only when
    /// the other objects are known (`audit` passes every object given together) or when the object alone
    /// decides; returning nil means "cannot tell from what is here", which is never reported as a failure.
    case crossResource(
        appliesTo: @Sendable (KubernetesObject) -> Bool,
        violations: @Sendable (ObjectContext) -> [Violation]?
    )
}

/// One failure of an object-level check.
public struct Violation: Sendable, Equatable {
    public let path: JSONPointer
    /// Said after the check's message, e.g. "missing app.kubernetes.io/name on the pod template".
    public let detail: String?

    public init(path: JSONPointer, detail: String? = nil) {
        self.path = path
        self.detail = detail
    }
}

public struct ContainerContext: Sendable {
    public let object: KubernetesObject
    public let pod: PodSpecLocation
    public let location: ContainerLocation
    public let parameters: Parameters

    public var container: JSONValue { location.container }
}

public struct PodSpecContext: Sendable {
    public let object: KubernetesObject
    public let pod: PodSpecLocation
    public let parameters: Parameters

    public var spec: JSONValue { pod.spec }
}

public struct ObjectContext: Sendable {
    public let object: KubernetesObject
    public let parameters: Parameters
    /// The other objects judged together with this one (`audit`), or nil when judging one object alone (the
    /// webhook, `review`). Cross-resource checks must answer nil rather than guess when this is nil.
    public let cluster: ClusterObjects?
}
