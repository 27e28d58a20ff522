internal import COpenSSL

/// A failed TLS operation: what was being done, and OpenSSL's reasons for refusing it.
///
/// `reasons` holds OpenSSL's whole error queue for the failing call, oldest first (for example
/// `error:0A00009C:SSL routines::http request`), with any detail OpenSSL attached (such as a file name) in parentheses.
/// Creating the error empties the queue, so nothing stale is blamed on the next connection served by the same thread.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, naming the files or peer involved (for example `loading certificate chain from tls.crt`).
    public let operation: String
    /// OpenSSL's error strings, oldest first; empty when the failure was detected by Harbormaster itself.
    public let reasons: [String]

    /// An error with the given operation and reasons; it does not touch OpenSSL's error queue.
    public init(operation: String, reasons: [String] = []) {
        self.operation = operation
        self.reasons = reasons
    }

    /// The operation, then the reasons separated by `; `.
    public var description: String {
        reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))"
    }

    /// The error for `operation`, with this thread's whole OpenSSL error queue as reasons (the queue is left empty).
    static func draining(_ operation: String, extraReasons: [String] = []) -> TLSError {
        TLSError(operation: operation, reasons: extraReasons + drainErrorQueue())
    }

    /// Empties this thread's OpenSSL error queue and returns one line per entry.
    static func drainErrorQueue() -> [String] {
        var reasons: [String] = []
        var data: UnsafePointer<CChar>?
        var flags: Int32 = 0
        while true {
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            let reason = describe(code: code, data: (flags & ERR_TXT_STRING) != 0 ? data : nil)
            // Some failures push the same entry once per layer they pass through; once is enough to read.
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        return reasons
    }

    private static func describe(code: UInt, data: UnsafePointer<CChar>?) -> String {
        // 256 bytes is what ERR_error_string documents as enough for any message.
        var buffer = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let data, data.pointee != 0 else { return text }
        return "\(text) (\(String(cString: data)))"
    }

    /// Whether this thread's OpenSSL error queue is empty (tests check that nothing is left behind).
    static var errorQueueIsEmpty: Bool { ERR_peek_error() == 0 }
}
