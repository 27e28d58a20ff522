internal import COpenSSL

/// Application-protocol negotiation: the server speaks HTTP/1.1 only.
enum TLSALPN {
    /// The protocol name as it appears on the wire.
    static let http11: [UInt8] = Array("http/1.1".utf8)

    /// Selects `http/1.1` when the client offers it. A client offering only other protocols (say, only `h2`) gets
    /// no ALPN answer rather than a failed handshake, and can still fall back to HTTP/1.1.
    static func install(on context: OpaquePointer) {
        // A C function pointer: the closure must capture nothing, so it reaches the name through the type.
        SSL_CTX_set_alpn_select_cb(
            context,
            { _, selected, selectedLength, offered, offeredLength, _ in
                guard let selected, let selectedLength, let offered,
                    let offset = TLSALPN.offsetOfHTTP11(
                        in: UnsafeBufferPointer(start: offered, count: Int(offeredLength)))
                else { return SSL_TLSEXT_ERR_NOACK }
                // The answer points into the client's list, which outlives the callback.
                selected.pointee = offered + offset
                selectedLength.pointee = UInt8(TLSALPN.http11.count)
                return SSL_TLSEXT_ERR_OK
            },
            nil
        )
    }

    /// Where `http/1.1` starts in an ALPN list in wire format (each name preceded by its one-byte length), or nil if
    /// the list does not offer it. A malformed list offers nothing.
    static func offsetOfHTTP11(in list: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < list.count {
            let length = Int(list[index])
            let start = index + 1
            guard length > 0, start + length <= list.count else { return nil }
            if list[start..<start + length].elementsEqual(http11) { return start }
            index = start + length
        }
        return nil
    }
}
