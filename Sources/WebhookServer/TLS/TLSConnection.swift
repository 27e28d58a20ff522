internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// One server-side TLS session on a non-blocking socket. The caller owns the socket (and closes it after this object
/// is done with it); this object owns the `SSL *`.
///
/// Nothing here blocks or traps: every call does what the socket allows now and says what it waits for.
/// - `.wantRead` / `.wantWrite`: call the same function again once the socket is readable / writable. Either can come
///   from any call (a read may need to write, for example to answer a TLS 1.3 key update).
/// - After `.wantWrite` from `write`, retry with the same unsent bytes (the buffer may move, its contents may not).
/// - A `read` that returns data may leave more decrypted bytes inside OpenSSL that epoll cannot see: keep reading
///   until it says `.wantRead` (or check `hasBufferedData`) before waiting on the socket again.
/// - `.closed`: the peer closed (close_notify, or a reset or EOF without it); `.failed`: a protocol error.
///
/// Not thread-safe: one thread at a time (an `EPOLLONESHOT` hand-off is enough). It is `Sendable` only so that it can
/// move between event-loop threads; OpenSSL's error queue is per thread, and each call empties it before returning.
final class TLSConnection: @unchecked Sendable {
    /// What a call achieved, or what it is waiting for.
    enum Status: Sendable, Equatable {
        case done, wantRead, wantWrite, closed
        case failed(TLSError)
    }

    /// The certificate generation this session was started with; it stays in use even after a reload.
    let context: TLSContext
    /// The `SSL *`, owned by this object (internal only for the session accessors in TLSConnection+Session.swift).
    let ssl: OpaquePointer
    // OpenSSL forbids SSL_shutdown after a fatal (SSL or SYSCALL) error; only one close_notify is ever sent.
    private var mayShutdown = true

    /// Starts a server-side session on `fileDescriptor`, which must already be non-blocking.
    init(context: TLSContext, fileDescriptor: Int32) throws(TLSError) {
        ERR_clear_error()
        guard let ssl = SSL_new(context.context) else { throw TLSError.draining("SSL_new") }
        self.context = context
        self.ssl = ssl
        // Every stored property is set, so from here a throw runs deinit and frees the SSL.
        guard SSL_set_fd(ssl, fileDescriptor) == 1 else { throw TLSError.draining("SSL_set_fd(\(fileDescriptor))") }
        SSL_set_accept_state(ssl)
    }

    deinit { SSL_free(ssl) }

    /// Advances the handshake; `.done` once it is complete (and at once if it already was).
    func handshake() -> Status {
        prepareForIO()
        let result = SSL_do_handshake(ssl)
        return result == 1 ? .done : status(after: result, operation: "TLS handshake")
    }

    /// Decrypts up to `buffer.count` bytes: `(.done, n)` with n > 0, or a status with 0.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> (Status, Int) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return (.done, 0) }
        prepareForIO()
        var count = 0
        let result = SSL_read_ex(ssl, base, buffer.count, &count)
        return result == 1 ? (.done, count) : (status(after: result, operation: "TLS read"), 0)
    }

    /// Encrypts and sends a prefix of `bytes`: `(.done, n)` with 0 < n ≤ bytes.count, or a status with 0.
    func write(_ bytes: UnsafeRawBufferPointer) -> (Status, Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (.done, 0) }
        prepareForIO()
        var count = 0
        let result = SSL_write_ex(ssl, base, bytes.count, &count)
        return result == 1 ? (.done, count) : (status(after: result, operation: "TLS write"), 0)
    }

    /// Sends close_notify if the session is healthy and the socket takes it now; never waits for the peer's reply.
    func shutdown() {
        guard mayShutdown, SSL_is_init_finished(ssl) == 1 else { return }
        mayShutdown = false
        prepareForIO()
        _ = SSL_shutdown(ssl)
        // Best effort: a full socket buffer or a vanished peer is not worth reporting.
        ERR_clear_error()
    }

    /// Whether OpenSSL holds received bytes that epoll cannot signal (decrypted or not yet processed).
    var hasBufferedData: Bool { SSL_has_pending(ssl) == 1 }

    /// Whether the handshake has completed.
    var isHandshakeComplete: Bool { SSL_is_init_finished(ssl) == 1 }

    private func prepareForIO() {
        // Stale errors from other work on this thread would otherwise be taken for this call's reasons, and
        // OpenSSL reads errno only when the call fails, so a leftover value must not look like a socket error.
        ERR_clear_error()
        errno = 0
    }

    private func status(after result: Int32, operation: String) -> Status {
        let savedErrno = errno
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE, SSL_ERROR_ZERO_RETURN:
            ERR_clear_error()
            return code == SSL_ERROR_WANT_READ ? .wantRead : code == SSL_ERROR_WANT_WRITE ? .wantWrite : .closed
        case SSL_ERROR_SYSCALL:
            mayShutdown = false
            let reasons = TLSError.drainErrorQueue()
            if savedErrno == 0 || savedErrno == ECONNRESET || savedErrno == EPIPE { return .closed }
            return .failed(TLSError(operation: operation, reasons: [String(cString: strerror(savedErrno))] + reasons))
        case SSL_ERROR_SSL:
            mayShutdown = false
            // A peer that drops the TCP connection without close_notify is a close, not a protocol error: HTTP
            // framing (Content-Length) already tells whether a request arrived whole.
            let last = ERR_peek_last_error()
            if ERR_GET_LIB(last) == ERR_LIB_SSL, ERR_GET_REASON(last) == SSL_R_UNEXPECTED_EOF_WHILE_READING {
                ERR_clear_error()
                return .closed
            }
            return .failed(TLSError.draining(operation))
        default:
            mayShutdown = false
            return .failed(TLSError.draining(operation, extraReasons: ["unexpected SSL_get_error result \(code)"]))
        }
    }
}
