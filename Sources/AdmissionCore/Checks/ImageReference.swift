/// The parts of a container image reference that checks care about: `registry:5000/team/app:1.2@sha256:...`.
public struct ImageReference: Sendable, Equatable {
    public let repository: String
    public let tag: String?
    public let digest: String?

    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = nil
        }
        // A colon before the last slash is a registry port, not a tag.
        let nameStart = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
        if let colon = rest[nameStart...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            repository = String(rest[..<colon])
        } else {
            tag = nil
            repository = String(rest)
        }
    }

    /// A digest pins the image whatever the tag says; otherwise a tag other than `latest` is required.
    public var isPinned: Bool {
        if let digest, !digest.isEmpty { return true }
        guard let tag, !tag.isEmpty else { return false }
        return tag != "latest"
    }
}
