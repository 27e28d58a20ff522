/// The header fields that decide how a request is framed and whether its connection stays open, noted while each
/// field is parsed, from its name's bytes, so that deciding needs no lookups by name afterwards.
struct HTTPFramingFields {
    var hostCount = 0
    var contentLengthCount = 0
    /// The value of the first `Content-Length`.
    var contentLength: String?
    var hasTransferEncoding = false
    var hasConnection = false
    var hasExpect = false

    /// Notes the field if it is one of ours. Names are compared by length first: most fields are none of these.
    mutating func note(name: UnsafeBufferPointer<UInt8>, value: String) {
        switch name.count {
        case 4 where HTTPSyntax.equals(name, ignoringCase: "host"):
            hostCount += 1
        case 6 where HTTPSyntax.equals(name, ignoringCase: "expect"):
            hasExpect = true
        case 10 where HTTPSyntax.equals(name, ignoringCase: "connection"):
            hasConnection = true
        case 14 where HTTPSyntax.equals(name, ignoringCase: "content-length"):
            contentLengthCount += 1
            if contentLength == nil { contentLength = value }
        case 17 where HTTPSyntax.equals(name, ignoringCase: "transfer-encoding"):
            hasTransferEncoding = true
        default:
            break
        }
    }
}
