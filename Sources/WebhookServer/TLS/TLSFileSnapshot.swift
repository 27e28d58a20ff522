internal import COpenSSL

/// What the certificate files hold at one moment: a SHA-256 fingerprint of their bytes (or of why they could not be
/// read) and, when every file was readable, the material itself.
///
/// The fingerprint covers contents, not mtimes: a Kubernetes Secret update swaps a `..data` symlink, which leaves
/// the paths and often the timestamps as they were. Unreadable files are fingerprinted by their error, so a state
/// that keeps failing the same way is seen as unchanged instead of being retried every few seconds.
struct TLSFileSnapshot {
    /// Nil only if OpenSSL could not compute a digest (memory exhaustion); such a snapshot never compares equal.
    let fingerprint: [UInt8]?
    var material: Result<TLSCertificateMaterial, TLSError>

    static func take(certificateFile: String, keyFile: String, clientCAFile: String?) -> TLSFileSnapshot {
        let paths = [certificateFile, keyFile] + (clientCAFile.map { [$0] } ?? [])
        let contents = paths.map { path in Result { () throws(TLSError) in try TLSFileIO.readFile(path) } }
        let fingerprint = digest(contents)
        do throws(TLSError) {
            let material = TLSCertificateMaterial(
                certificateFile: certificateFile, keyFile: keyFile, clientCAFile: clientCAFile,
                certificatePEM: try contents[0].get(), keyPEM: try contents[1].get(),
                clientCAPEM: try contents.count > 2 ? contents[2].get() : nil
            )
            return TLSFileSnapshot(fingerprint: fingerprint, material: .success(material))
        } catch {
            return TLSFileSnapshot(fingerprint: fingerprint, material: .failure(error))
        }
    }

    /// SHA-256 over each file's outcome: a tag (contents or error), the length, then the bytes.
    private static func digest(_ contents: [Result<[UInt8], TLSError>]) -> [UInt8]? {
        guard let context = EVP_MD_CTX_new() else {
            ERR_clear_error()
            return nil
        }
        defer { EVP_MD_CTX_free(context) }
        var ok = EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
        for outcome in contents {
            let (tag, bytes): (UInt8, [UInt8])
            switch outcome {
            case .success(let data): (tag, bytes) = (0, data)
            case .failure(let error): (tag, bytes) = (1, Array(error.description.utf8))
            }
            var header = [tag] + withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { Array($0) }
            ok = ok && EVP_DigestUpdate(context, &header, header.count) == 1
            ok = ok && bytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        ok = ok && EVP_DigestFinal_ex(context, &output, &length) == 1
        guard ok else {
            ERR_clear_error()
            return nil
        }
        return Array(output.prefix(Int(length)))
    }
}
