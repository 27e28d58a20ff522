/// How much a failed check matters. Ordered: `ignore` < `warning` < `danger`.
public enum Severity: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// The check does not run.
    case ignore
    /// Reported (as an admission warning, or in `audit`), never denied.
    case warning
    /// Denied in `enforce` mode.
    case danger

    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .ignore: return 0
        case .warning: return 1
        case .danger: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What the webhook does with findings.
public enum EnforcementMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// `danger` findings deny; `warning` findings become admission warnings.
    case enforce
    /// Nothing is denied; every finding becomes an admission warning.
    case warn
    /// Nothing is denied or warned; findings are only recorded (audit output, logs).
    case audit

    public var description: String { rawValue }
}
