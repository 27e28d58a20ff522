/// A Kubernetes resource quantity (`100m`, `0.5`, `128Mi`, `1G`, `1e3`), parsed for comparison.
///
/// A `Double` holds every realistic request and limit exactly enough to compare them; the original text is what
/// gets written into objects, so nothing is rounded on the way out. Parsing works on bytes: checks call it for
/// every container on the request path.
public struct Quantity: Sendable, Comparable, CustomStringConvertible {
    public let text: String
    public let value: Double

    public init?(_ text: String) {
        var utf8 = Array(text.utf8)
        while utf8.last == UInt8(ascii: " ") { utf8.removeLast() }
        while utf8.first == UInt8(ascii: " ") { utf8.removeFirst() }
        var numberEnd = 0
        while numberEnd < utf8.count, Quantity.isNumberByte(utf8[numberEnd]) { numberEnd += 1 }
        guard numberEnd > 0, let base = Double(String(decoding: utf8[..<numberEnd], as: UTF8.self)), base >= 0,
            let scale = Quantity.scale(utf8[numberEnd...])
        else { return nil }
        // Dividing by an exact power of ten keeps 0.7 and 700m equal; multiplying by 1e-3 would not.
        value = scale.divides ? base / scale.factor : base * scale.factor
        self.text = utf8.count == text.utf8.count ? text : String(decoding: utf8, as: UTF8.self)
    }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// The scale of a suffix: decimal SI (`m`, `k`, `M`, …), binary (`Ki`, `Mi`, …) or a decimal exponent
    /// (`e3`), as an exact factor that multiplies or divides.
    private static func scale(_ suffix: ArraySlice<UInt8>) -> (factor: Double, divides: Bool)? {
        guard let first = suffix.first else { return (1, false) }
        let rest = suffix.dropFirst()
        if rest.isEmpty {
            switch first {
            case UInt8(ascii: "n"): return (1e9, true)
            case UInt8(ascii: "u"): return (1e6, true)
            case UInt8(ascii: "m"): return (1e3, true)
            case UInt8(ascii: "k"): return (1e3, false)
            case UInt8(ascii: "M"): return (1e6, false)
            case UInt8(ascii: "G"): return (1e9, false)
            case UInt8(ascii: "T"): return (1e12, false)
            case UInt8(ascii: "P"): return (1e15, false)
            case UInt8(ascii: "E"): return (1e18, false)
            default: return nil
            }
        }
        if rest.count == 1, rest.first == UInt8(ascii: "i") {
            switch first {
            case UInt8(ascii: "K"): return (1024, false)
            case UInt8(ascii: "M"): return (1_048_576, false)
            case UInt8(ascii: "G"): return (1_073_741_824, false)
            case UInt8(ascii: "T"): return (1_099_511_627_776, false)
            case UInt8(ascii: "P"): return (1_125_899_906_842_624, false)
            case UInt8(ascii: "E"): return (1_152_921_504_606_846_976, false)
            default: return nil
            }
        }
        guard first == UInt8(ascii: "e") || first == UInt8(ascii: "E"),
            let exponent = Int(String(decoding: rest, as: UTF8.self)), abs(exponent) < 30
        else { return nil }
        var factor = 1.0
        for _ in 0..<abs(exponent) { factor *= 10 }  // exact up to 10^22
        return (factor, exponent < 0)
    }
}

extension JSONValue {
    /// A quantity written as a string (`"128Mi"`) or a bare number (`2`), as the API accepts both.
    public var quantity: Quantity? {
        if let text = string { return Quantity(text) }
        return numberText.flatMap { Quantity($0) }
    }
}

extension JSON {
    /// A quantity written as a string or a bare number.
    public var quantity: Quantity? {
        switch self {
        case .string(let text): return Quantity(text)
        case .number(let number): return Quantity(number.text)
        default: return nil
        }
    }
}

extension Quantity {
    /// This quantity times `factor`, rounded up to a whole milli-unit and written with the largest binary suffix
    /// that divides it exactly (`256Mi`, not `268435456`), else in plain units or millis.
    public func multiplied(by factor: Double) -> Quantity {
        let scaled = value * factor
        // Beyond 2^53 a Double no longer holds whole numbers, and converting one beyond Int64 traps: a quantity
        // that large (the API allows up to 2^63 - 1) is kept as it is rather than scaled.
        guard scaled.isFinite, scaled >= 0, scaled < 9.0e15 else { return self }
        // Up to a whole milli, but 100m × 1.5 is 150.00000000000003 millis in binary: that is 150m, not 151m.
        let exact = scaled * 1000
        let millis = abs(exact - exact.rounded()) < 1e-6 ? exact.rounded() : exact.rounded(.up)
        if millis < 9.0e15, millis.truncatingRemainder(dividingBy: 1000) != 0 {
            return Quantity("\(Int64(millis))m") ?? self
        }
        let units = millis < 9.0e15 ? millis / 1000 : scaled.rounded(.up)
        for (suffix, size) in [("Ti", 1_099_511_627_776.0), ("Gi", 1_073_741_824.0), ("Mi", 1_048_576.0), ("Ki", 1024.0)]
        where units >= size && units.truncatingRemainder(dividingBy: size) == 0 {
            return Quantity("\(Int64(units / size))\(suffix)") ?? self
        }
        return Quantity("\(Int64(units))") ?? self
    }
}
