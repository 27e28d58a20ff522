#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Whole-file reads and writes for certificate material, with errors that name the file.
enum TLSFileIO {
    /// Kubernetes caps a Secret at 1 MiB, so anything larger is not a mounted certificate.
    static let maximumFileSize = 1 << 20

    /// The bytes of `path`, following symlinks (a Secret mount is a chain of them).
    static func readFile(_ path: String) throws(TLSError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("opening \(path)") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw posixError("reading \(path)")
            }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= maximumFileSize else {
                throw TLSError(operation: "reading \(path)", reasons: ["file is larger than \(maximumFileSize) bytes"])
            }
        }
    }

    /// Writes `bytes` to a temporary file beside `path` with the given mode, then renames it over `path`, so a
    /// reader never sees a half-written file and an existing file with looser permissions is not reused.
    static func writeFileAtomically(_ bytes: [UInt8], to path: String, mode: mode_t) throws(TLSError) {
        let temporary = "\(path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw posixError("creating \(temporary)") }
        var failure: TLSError?
        // The umask may only remove bits; fchmod makes the mode exact.
        if fchmod(fd, mode) != 0 { failure = posixError("setting the mode of \(temporary)") }
        var offset = 0
        while failure == nil, offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if count < 0, errno != EINTR { failure = posixError("writing \(temporary)") }
            if count > 0 { offset += count }
        }
        if close(fd) != 0, failure == nil { failure = posixError("closing \(temporary)") }
        if failure == nil, rename(temporary, path) != 0 { failure = posixError("renaming \(temporary) to \(path)") }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    /// Creates `path` and any missing parents with mode 0700 (dev certificates include a private key).
    static func makeDirectory(_ path: String) throws(TLSError) {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o700) != 0, errno != EEXIST { throw posixError("creating directory \(prefix)") }
            prefix += "/"
        }
    }

    private static func posixError(_ operation: String) -> TLSError {
        TLSError(operation: operation, reasons: [String(cString: strerror(errno))])
    }
}
