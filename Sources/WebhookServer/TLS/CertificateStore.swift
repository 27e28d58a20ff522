/// The serving certificate as it changes on disk.
///
/// `current` is the newest certificate generation that loaded cleanly; new connections take it, existing ones keep
/// theirs. `reloadIfChanged()` compares the files' contents with the last load and, when they differ, builds a new
/// `TLSContext`. A Kubernetes Secret mount swaps a `..data` symlink, which this sees because it reads through the
/// links. A new pair that does not load (bad PEM, key not matching the certificate, a half-written file) leaves
/// `current` as it was and is not retried until the files change again.
public final class CertificateStore: @unchecked Sendable {
    /// The result of one `reloadIfChanged()` call.
    public enum ReloadOutcome: Sendable {
        /// The files hold what they held at the last check.
        case unchanged
        /// The files changed and loaded; the new context is now `current`.
        case reloaded(TLSContext)
        /// The files changed but do not load; `current` is unchanged.
        case failed(TLSError)
    }

    /// The PEM certificate chain file (leaf first).
    public let certificateFile: String
    /// The PEM private key file.
    public let keyFile: String
    /// The PEM file of CAs that client certificates must chain to, if client certificates are required.
    public let clientCAFile: String?

    // `state` guards `context` for the many readers of `current`; `reload` keeps reloads one at a time (and guards
    // `fingerprint`) without making readers wait while a new context is built.
    private let state = Lock()
    private let reload = Lock()
    private var context: TLSContext
    private var fingerprint: [UInt8]?

    /// Loads the files now, failing if they are unreadable or do not form a valid pair, so that `serve` stops at
    /// startup with a message naming the file.
    public init(certificateFile: String, keyFile: String, clientCAFile: String?) throws(TLSError) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.clientCAFile = clientCAFile
        var snapshot = TLSFileSnapshot.take(
            certificateFile: certificateFile, keyFile: keyFile, clientCAFile: clientCAFile)
        context = try Self.load(&snapshot)
        fingerprint = snapshot.fingerprint
    }

    /// The newest certificate generation that loaded cleanly.
    public var current: TLSContext { state.withLock { context } }

    /// Reloads the files if their contents changed since the last check. Meant to be called every few seconds from
    /// one thread; concurrent calls are serialised.
    public func reloadIfChanged() -> ReloadOutcome {
        reload.withLock {
            var snapshot = TLSFileSnapshot.take(
                certificateFile: certificateFile, keyFile: keyFile, clientCAFile: clientCAFile
            )
            if let new = snapshot.fingerprint, new == fingerprint { return .unchanged }
            // Recorded before loading, so a broken pair is reported once rather than at every check.
            fingerprint = snapshot.fingerprint
            do throws(TLSError) {
                let loaded = try Self.load(&snapshot)
                state.withLock { context = loaded }
                return .reloaded(loaded)
            } catch {
                return .failed(error)
            }
        }
    }

    private static func load(_ snapshot: inout TLSFileSnapshot) throws(TLSError) -> TLSContext {
        var material = try snapshot.material.get()
        // Dropping the snapshot's reference leaves `material` the only owner of the key bytes, so the wipe below
        // overwrites them in place instead of a copy.
        snapshot.material = .failure(TLSError(operation: "certificate material already used"))
        defer { material.wipeKey() }
        return try TLSContext(material: material)
    }
}
