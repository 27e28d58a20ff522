/// Fits warnings into what the API server and kubectl handle well: each at most 120 characters (the field's
/// guidance; longer ones may be truncated), at most `limit` of them with a final `+N more (see audit
/// annotations)`, and at most 4 KB in total. Duplicates are dropped; the most severe come first, then
/// catalogue order, which is the order the findings arrive in.
public struct WarningBudget: Sendable {
    public static let maxCharacters = 120
    public static let maxTotalBytes = 4096

    public let limit: Int

    public init(limit: Int) { self.limit = max(1, limit) }

    /// `warnings` with their severities (more severe first), fitted.
    public func fit(_ warnings: [(severity: Severity, text: String)]) -> [String] {
        var seen = Set<String>()
        var ranked: [String] = []
        for severity in [Severity.danger, .warning, .ignore] {
            for warning in warnings where warning.severity == severity && seen.insert(warning.text).inserted {
                ranked.append(Self.shortened(warning.text))
            }
        }
        var kept: [String] = []
        var bytes = 0
        for (index, text) in ranked.enumerated() {
            let remaining = ranked.count - index
            // Room for this one and, if any would follow, the closing "+N more".
            let closing = remaining > 1 ? Self.more(remaining - 1).utf8.count : 0
            guard kept.count < limit - (remaining > 1 ? 1 : 0) || (kept.count < limit && remaining == 1),
                bytes + text.utf8.count + closing <= Self.maxTotalBytes
            else {
                kept.append(Self.more(remaining))
                return kept
            }
            kept.append(text)
            bytes += text.utf8.count
        }
        return kept
    }

    static func more(_ count: Int) -> String { "+\(count) more (see audit annotations)" }

    /// `text` cut to `maxCharacters` characters (whole characters, never inside one) with a final "…".
    static func shortened(_ text: String) -> String {
        // Counting characters walks grapheme clusters; a text of at most 120 bytes has at most 120 of them.
        guard text.utf8.count > maxCharacters, text.count > maxCharacters else { return text }
        return String(text.prefix(maxCharacters - 1)) + "…"
    }
}
