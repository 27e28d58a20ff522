/// How a resolved scalar becomes a JSON object key, printed as sigs.k8s.io/yaml prints Go map keys:
/// `true`/`false`, `null`, decimal integers, and floats through `strconv.FormatFloat(f, 'g', -1, 32)`.
enum YAMLKeyText {
    static func text(of resolved: YAMLResolvedScalar) -> String {
        switch resolved {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .integer(let text): return text
        case .float(_, let value): return goFloat32(value)
        case .string(let text): return text
        }
    }

    /// Go's `FormatFloat(value, 'g', -1, 32)`: the shortest digits that round-trip a float32, in `%e` form when
    /// the decimal exponent is below -4 or at least 6 (Go's rule for shortest `%g`), else `%f` form.
    static func goFloat32(_ value: Double) -> String {
        let single = Float(value)
        if single.isInfinite { return single < 0 ? "-.inf" : ".inf" }
        if single.isNaN { return ".nan" }
        if single == 0 { return single.sign == .minus ? "-0" : "0" }

        // Swift's description is also shortest round-trip; take its digits and exponent apart.
        var described = Substring(single.magnitude.description)
        var exponent = 0
        if let e = described.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(described[described.index(after: e)...]) ?? 0
            described = described[..<e]
        }
        var digits = ""
        var pointPosition = described.count
        for (offset, character) in described.enumerated() {
            if character == "." {
                pointPosition = offset
            } else {
                digits.append(character)
            }
        }
        // Normalise to digits d1 d2 ... with the decimal point after `point` of them.
        var point = pointPosition + exponent
        let leadingZeros = digits.prefix(while: { $0 == "0" }).count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.last == "0" { digits.removeLast() }
        if digits.isEmpty { return "0" }

        let sign = single < 0 ? "-" : ""
        let decimalExponent = point - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            var mantissa = String(digits.prefix(1))
            if digits.count > 1 { mantissa += "." + digits.dropFirst() }
            let magnitude = abs(decimalExponent)
            let exponentText = magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
            return sign + mantissa + "e" + (decimalExponent < 0 ? "-" : "+") + exponentText
        }
        if point <= 0 {
            return sign + "0." + String(repeating: "0", count: -point) + digits
        }
        if point >= digits.count {
            return sign + digits + String(repeating: "0", count: point - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }
}
