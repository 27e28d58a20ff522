import Foundation

/// A named thread that runs `work` every `interval` seconds until stopped; `stop()` wakes it at once and waits for
/// it to finish. Used by the certificate and policy watchers: file polling must not run on the event loops.
final class PeriodicThread: @unchecked Sendable {
    private let name: String
    private let interval: Double
    private let work: @Sendable () -> Void
    private let stopSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let started = Locked(false)

    init(name: String, interval: Double, work: @escaping @Sendable () -> Void) {
        self.name = name
        // A floor keeps a misconfigured interval of 0 from spinning a core.
        self.interval = max(0.05, interval)
        self.work = work
    }

    func start() {
        started.withValue { $0 = true }
        let thread = Thread { [self] in
            while stopSignal.wait(timeout: .now() + interval) == .timedOut {
                work()
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the thread and waits for it; a no-op when it was never started.
    func stop() {
        guard started.withValue({ running -> Bool in
            defer { running = false }
            return running
        }) else { return }
        stopSignal.signal()
        finished.wait()
    }
}
