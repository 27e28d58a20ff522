/// The parts of a container image reference that checks care about: `registry:5000/team/app:1.2@sha256:...`.
public struct ImageReference: Sendable, Equatable {
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init(_ reference: String) {
        let bytes = Array(reference.utf8)
        var nameEnd = bytes.count
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            digest = String(decoding: bytes[(at + 1)...], as: UTF8.self)
            nameEnd = at
        } else {
            digest = nil
        }
        // A colon before the last slash is a registry port, not a tag.
        let nameStart = bytes[..<nameEnd].lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        if let colon = bytes[nameStart..<nameEnd].lastIndex(of: UInt8(ascii: ":")) {
            tag = String(decoding: bytes[(colon + 1)..<nameEnd], as: UTF8.self)
            repository = String(decoding: bytes[..<colon], as: UTF8.self)
        } else {
            tag = nil
            repository = String(decoding: bytes[..<nameEnd], as: UTF8.self)
        }
    }

    /// A digest pins the image whatever the tag says; otherwise a tag other than `latest` is required.
    public var isPinned: Bool {
        if let digest, !digest.isEmpty { return true }
        guard let tag, !tag.isEmpty else { return false }
        return tag != "latest"
    }
}
