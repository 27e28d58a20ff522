internal import COpenSSL

/// An OpenSSL memory BIO: how PEM text moves between Swift byte arrays and OpenSSL's readers and writers.
final class TLSMemoryBIO {
    /// The `BIO *`, owned by this object.
    let pointer: OpaquePointer

    /// An empty BIO to write into. `secure` keeps the buffer on OpenSSL's secure heap where one is set up and, in
    /// any case, wipes it when freed: use it for private keys.
    init(secure: Bool = false) throws(TLSError) {
        guard let bio = BIO_new(secure ? BIO_s_secmem() : BIO_s_mem()) else { throw TLSError.draining("BIO_new") }
        pointer = bio
    }

    /// A BIO holding a copy of `bytes`, ready to be read (`secure` as for `init(secure:)`).
    convenience init(bytes: [UInt8], secure: Bool = false) throws(TLSError) {
        try self.init(secure: secure)
        // Callers cap inputs at TLSFileIO.maximumFileSize, far below Int32.max.
        let written = bytes.withUnsafeBytes { BIO_write(pointer, $0.baseAddress, Int32(clamping: $0.count)) }
        guard bytes.isEmpty || written == Int32(clamping: bytes.count) else { throw TLSError.draining("BIO_write") }
    }

    deinit { BIO_free(pointer) }

    /// Everything written and not yet read.
    var bytes: [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        let count = COpenSSL_BIO_get_mem_data(pointer, &data)
        guard let data, count > 0 else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: count) {
            Array(UnsafeBufferPointer(start: $0, count: count))
        }
    }

    /// Everything written, as text (OpenSSL's printers write ASCII or UTF-8).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
