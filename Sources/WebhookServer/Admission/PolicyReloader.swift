import AdmissionCore
import Foundation
import Logging

/// The evaluator in force. The policy reloader swaps it whole; a review reads it once, so each review is judged by
/// exactly one policy, old or new, and a swap never waits for reviews in flight.
public final class EvaluatorHolder: Sendable {
    private let state: Locked<Evaluator>

    public init(_ evaluator: Evaluator) { state = Locked(evaluator) }

    public var current: Evaluator { state.current }

    public func replace(with evaluator: Evaluator) { state.withValue { $0 = evaluator } }
}

/// Watches the policy file (`serve --config`) and swaps in a new evaluator when its contents change. Contents, not
/// mtimes: a ConfigMap update swaps a `..data` symlink, which this reads through. A file that does not parse, or
/// cannot be read, keeps the old policy and is logged once (with `file:line:column`) until it changes again.
public final class PolicyReloader: @unchecked Sendable {
    /// What one check found.
    public enum Outcome: Sendable, Equatable {
        case unchanged
        case reloaded
        /// The new contents were rejected; the old policy stays. The message names file, line and column.
        case failed(String)
    }

    /// Builds the evaluator from the file's bytes, or throws an error whose description is the message to log.
    public typealias Loader = @Sendable ([UInt8]) throws -> Evaluator

    public let file: String
    private let holder: EvaluatorHolder
    private let load: Loader
    private let interval: Double
    private let logger: Logger
    // Only the watcher thread (or a test calling `checkNow`) touches this; `checks` keeps calls one at a time.
    private var lastSeen: [UInt8]?
    private let checks = Lock()
    private var watcher: PeriodicThread?

    /// `loadedBytes` is what the holder's evaluator was built from, so the first check does not reload it.
    public init(
        file: String, loadedBytes: [UInt8]?, holder: EvaluatorHolder, interval: Double = 2, logger: Logger,
        load: @escaping Loader
    ) {
        self.file = file
        self.holder = holder
        self.load = load
        self.interval = interval
        self.logger = logger
        lastSeen = loadedBytes
    }

    /// Reads the file once and swaps the evaluator if the contents changed and load.
    @discardableResult
    public func checkNow() -> Outcome {
        checks.withLock {
            let bytes = FileManager.default.contents(atPath: file).map { [UInt8]($0) }
            // Unreadable (mid-swap, deleted) counts as its own state, logged once.
            let seen = bytes ?? Array("\u{0}unreadable".utf8)
            guard seen != lastSeen else { return .unchanged }
            lastSeen = seen
            guard let bytes else {
                logger.error("policy file unreadable; keeping the previous policy", metadata: ["file": "\(file)"])
                return .failed("\(file): cannot read the policy file")
            }
            do {
                holder.replace(with: try load(bytes))
                logger.info("policy reloaded", metadata: ["file": "\(file)"])
                return .reloaded
            } catch {
                logger.error("policy reload failed; keeping the previous policy", metadata: ["error": "\(error)"])
                return .failed("\(error)")
            }
        }
    }

    public func start() {
        let watcher = PeriodicThread(name: "harbormaster-policy", interval: interval) { [self] in checkNow() }
        self.watcher = watcher
        watcher.start()
    }

    public func stop() { watcher?.stop() }
}
