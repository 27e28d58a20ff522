/// One entry of the policy's `exemptions.rules` (Polaris's `exemptions:` list has the same meaning): findings of
/// `checks` (all checks when empty) on objects matching every non-empty field are dropped.
public struct ExemptionRule: Sendable, Equatable {
    /// Namespaces the rule covers (any when empty).
    public var namespaces: [GlobPattern]
    /// Object names the rule covers (any when empty). Polaris's `controllerNames` are prefixes: `name*`.
    public var names: [GlobPattern]
    /// When set, only findings about these containers are dropped; findings about the whole object stay.
    public var containers: [GlobPattern]
    /// Check IDs the rule exempts (every check when empty).
    public var checks: Set<String>

    public init(
        namespaces: [GlobPattern] = [], names: [GlobPattern] = [], containers: [GlobPattern] = [],
        checks: Set<String> = []
    ) {
        self.namespaces = namespaces
        self.names = names
        self.containers = containers
        self.checks = checks
    }

    func covers(_ object: KubernetesObject, check checkID: String) -> Bool {
        (checks.isEmpty || checks.contains(checkID)) && namespaces.matchesOrEmpty(object.namespace)
            && names.matchesOrEmpty(object.name)
    }

    /// Whether this rule drops `finding` on `object`.
    func drops(_ finding: Finding, on object: KubernetesObject) -> Bool {
        guard covers(object, check: finding.checkID) else { return false }
        guard !containers.isEmpty else { return true }
        guard let container = finding.container else { return false }
        return containers.contains { $0.matches(container) }
    }
}

/// The exemption switches: which kinds of exemption a policy (or a namespace override) honours. Teams that must
/// not exempt themselves get `false` here, in the namespace override for their namespaces.
public struct ExemptionSwitches: Sendable, Equatable {
    /// Honour `harbormaster.io/exempt*` (and, with `polarisAnnotations`, `polaris.fairwinds.com/*exempt`).
    public var allowAnnotationExemptions: Bool
    /// Honour `exemptions.rules` (not `exemptions.namespaces`, which protects the cluster from lock-out).
    public var allowConfigExemptions: Bool
    /// Honour Polaris's annotations as aliases of ours.
    public var polarisAnnotations: Bool

    public init(allowAnnotationExemptions: Bool = true, allowConfigExemptions: Bool = true, polarisAnnotations: Bool = true) {
        self.allowAnnotationExemptions = allowAnnotationExemptions
        self.allowConfigExemptions = allowConfigExemptions
        self.polarisAnnotations = polarisAnnotations
    }
}

/// What an object's annotations exempt it from, read once per object:
/// `harbormaster.io/exempt: "true"` (everything), `harbormaster.io/exempt-<id>: "<reason>"` (one check or
/// mutator; any value but "" and "false"), `harbormaster.io/exempt-until: "YYYY-MM-DD"` (the last day these hold),
/// and Polaris's `polaris.fairwinds.com/exempt` / `polaris.fairwinds.com/<id>-exempt: "true"` when enabled.
public struct AnnotationExemptions: Sendable {
    public static let prefix = "harbormaster.io/"
    public static let polarisPrefix = "polaris.fairwinds.com/"
    public static let untilKey = prefix + "exempt-until"

    /// False when annotation exemptions are switched off or the object has no annotations.
    private let enabled: Bool
    /// The check and mutator IDs the annotations name, collected in one pass over the annotations: asking per
    /// check would build two annotation keys for each of the sixty checks on every request.
    private let named: Set<String>
    /// Nil while the exemptions hold; otherwise why they are ignored (appended to the findings they would drop).
    public let lapse: String?
    private let everything: Bool

    public init(_ object: KubernetesObject, switches: ExemptionSwitches, today: CalendarDate?) {
        let polaris = switches.polarisAnnotations
        enabled = switches.allowAnnotationExemptions && object.annotations?.isObject == true
        guard enabled, let annotations = object.annotations?.members else {
            lapse = nil
            everything = false
            named = []
            return
        }
        var named: Set<String> = []
        let own = Self.prefix + "exempt-"
        for (key, value) in annotations {
            if key.hasPrefix(own), key != Self.untilKey, let reason = value.string, !reason.isEmpty, reason != "false" {
                named.insert(String(key.dropFirst(own.count)))
            } else if polaris, key.hasPrefix(Self.polarisPrefix), key.hasSuffix("-exempt"), value.isString("true") {
                named.insert(String(key.dropFirst(Self.polarisPrefix.count).dropLast("-exempt".count)))
            }
        }
        self.named = named
        everything = object.annotation(Self.prefix + "exempt") == "true"
            || (polaris && object.annotation(Self.polarisPrefix + "exempt") == "true")
        lapse = object.annotation(Self.untilKey).flatMap { Self.lapse(until: $0, today: today) }
    }

    /// Whether the annotations name `id` (or everything), whether or not they have lapsed.
    public func names(_ id: String) -> Bool {
        guard enabled else { return false }
        return everything || named.contains(id)
    }

    /// Whether the annotations exempt the object from `id` now.
    public func exempts(_ id: String) -> Bool { lapse == nil && names(id) }

    /// Whether everything is exempt now.
    public var exemptsEverything: Bool { lapse == nil && everything }

    private static func lapse(until text: String, today: CalendarDate?) -> String? {
        guard let until = CalendarDate(text) else {
            return "exemption ignored: \(untilKey) '\(text)' is not a YYYY-MM-DD date"
        }
        // Without a date to compare with, a dated exemption cannot be shown to hold, so it does not.
        guard let today else { return "exemption until \(until) ignored: no current date given" }
        return today > until ? "exemption expired on \(until)" : nil
    }
}
