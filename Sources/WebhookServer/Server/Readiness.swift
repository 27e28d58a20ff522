/// Whether `/readyz` answers 200: true once the policy and certificate are loaded, false again while draining.
public final class Readiness: Sendable {
    private let state = Locked(false)

    public init() {}

    public var isReady: Bool { state.current }

    public func markReady() { state.withValue { $0 = true } }

    public func markDraining() { state.withValue { $0 = false } }
}
