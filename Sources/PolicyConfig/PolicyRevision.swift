/// A short, stable name for a policy's source: 64-bit FNV-1a of the file's bytes as 12 hex digits. It only has
/// to tell policies apart in audit logs and metrics (not resist forgery), so no crypto library is needed.
enum PolicyRevision {
    static func of(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(12))
    }
}
