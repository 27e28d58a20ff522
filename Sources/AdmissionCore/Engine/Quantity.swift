/// A Kubernetes resource quantity (`100m`, `0.5`, `128Mi`, `1G`, `1e3`), parsed for comparison.
///
/// A `Double` holds every realistic request and limit exactly enough to compare them; the original text is what
/// gets written into objects, so nothing is rounded on the way out.
public struct Quantity: Sendable, Comparable, CustomStringConvertible {
    public let text: String
    public let value: Double

    private static let suffixes: [String: Double] = [
        "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
        "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776,
        "Pi": 1_125_899_906_842_624, "Ei": 1_152_921_504_606_846_976,
    ]

    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        guard let numberEnd = trimmed.firstIndex(where: { !("0"..."9").contains($0) && $0 != "." && $0 != "+" && $0 != "-" })
            ?? Optional(trimmed.endIndex)
        else { return nil }
        let number = trimmed[..<numberEnd]
        let suffix = trimmed[numberEnd...]
        guard !number.isEmpty, let base = Double(number), base >= 0 else { return nil }
        if let multiplier = Quantity.suffixes[String(suffix)] {
            value = base * multiplier
        } else if suffix.first == "e" || suffix.first == "E", let exponent = Int(suffix.dropFirst()), abs(exponent) < 30 {
            var scaled = base
            for _ in 0..<abs(exponent) { scaled = exponent > 0 ? scaled * 10 : scaled / 10 }
            value = scaled
        } else {
            return nil
        }
        self.text = trimmed
    }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }
}

extension JSONValue {
    /// A quantity written as a string (`"128Mi"`) or a bare number (`2`), as the API accepts both.
    public var quantity: Quantity? {
        if let text = string { return Quantity(text) }
        return numberText.flatMap { Quantity($0) }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
