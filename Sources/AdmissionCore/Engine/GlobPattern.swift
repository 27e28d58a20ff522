/// A shell-style name pattern: `*` matches any run of characters (none included), `?` exactly one, everything
/// else itself. Used for namespace overrides and exemptions (`team-*`, `legacy-?`). No character classes and no
/// escapes: Kubernetes names cannot contain `*` or `?`, so neither is needed.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    private let characters: [Character]

    public init(_ text: String) {
        self.text = text
        characters = Array(text)
    }

    public var description: String { text }

    /// True when the pattern holds `*` or `?` (otherwise it matches only its own text).
    public var isWildcard: Bool { characters.contains { $0 == "*" || $0 == "?" } }

    /// Whether `name` matches the whole pattern. Linear backtracking on the last `*`: O(pattern × name) at worst.
    public func matches(_ name: String) -> Bool {
        if !isWildcard { return name == text }
        let subject = Array(name)
        var p = 0, s = 0
        var star: Int? = nil, starSubject = 0
        while s < subject.count {
            if p < characters.count, characters[p] == "?" || characters[p] == subject[s] {
                p += 1
                s += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                starSubject = s
                p += 1
            } else if let star {
                // Let the last `*` swallow one more character and retry from there.
                p = star + 1
                starSubject += 1
                s = starSubject
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}

extension Array where Element == GlobPattern {
    /// True when any pattern matches `name`; an empty list matches everything (an unrestricted field).
    func matchesOrEmpty(_ name: String) -> Bool { isEmpty || contains { $0.matches(name) } }
}
