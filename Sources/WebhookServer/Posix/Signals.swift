
#if canImport(Glibc)
import Glibc
#endif

/// Process-wide signal set-up for the server.
enum Signals {
    /// Ignores SIGPIPE (OpenSSL writes with `write()`, so a client that disconnects mid-response would otherwise
    /// kill the process) and blocks SIGTERM/SIGINT in the calling thread and every thread it starts afterwards,
    /// so that only `waitForTermination` receives them. Call before starting any thread.
    static func prepare() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until SIGTERM or SIGINT arrives; returns the signal number.
    static func waitForTermination() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }
}
