import AdmissionCore

/// Writes a `JSON` value as block-style YAML, laid out the way kubectl prints objects: two-space indentation,
/// sequences at their key's indentation, and a mapping inside a sequence starting on the `- ` line. Member order
/// is kept, numbers keep their exact text, and every string reads back as the same string (see `Scalar`).
public struct YAMLEmitter {
    private var output = ""

    /// libyaml gives up on a simple key (one without `? `) that runs past 1024 characters; longer keys are written
    /// in the explicit form. Bytes are counted, which is never fewer than characters.
    static let longestSimpleKey = 1000

    /// The YAML text of `value` as one document, ending with a newline (no `---`).
    public static func yaml(_ value: JSON) -> String {
        var emitter = YAMLEmitter()
        switch value {
        case .object(let object) where !object.isEmpty: emitter.writeMapping(object, indent: 0, inline: false)
        case .array(let elements) where !elements.isEmpty: emitter.writeSequence(elements, indent: 0, inline: false)
        default: emitter.writeLeaf(value, indent: 0)
        }
        return emitter.output
    }

    /// `inline`: the first member goes on the current line (after a sequence's `- `).
    private mutating func writeMapping(_ object: JSONObject, indent: Int, inline: Bool) {
        for (position, member) in object.members.enumerated() {
            if position > 0 || !inline { writeIndent(indent) }
            let key = Scalar(member.key, isKey: true).text(indent: indent)
            if key.utf8.count > Self.longestSimpleKey {
                output += "? " + key + "\n"
                writeIndent(indent)
            } else {
                output += key
            }
            writeMappingValue(member.value, indent: indent)
        }
    }

    /// After a key: scalars on the same line, nested mappings indented below, sequences below at the same
    /// indentation (kubectl's layout; YAML allows a sequence there without indenting it).
    private mutating func writeMappingValue(_ value: JSON, indent: Int) {
        switch value {
        case .object(let object) where !object.isEmpty:
            output += ":\n"
            writeMapping(object, indent: indent + 2, inline: false)
        case .array(let elements) where !elements.isEmpty:
            output += ":\n"
            writeSequence(elements, indent: indent, inline: false)
        default:
            output += ": "
            writeLeaf(value, indent: indent)
        }
    }

    private mutating func writeSequence(_ elements: [JSON], indent: Int, inline: Bool) {
        for (position, element) in elements.enumerated() {
            if position > 0 || !inline { writeIndent(indent) }
            output += "- "
            switch element {
            case .object(let object) where !object.isEmpty: writeMapping(object, indent: indent + 2, inline: true)
            case .array(let nested) where !nested.isEmpty: writeSequence(nested, indent: indent + 2, inline: true)
            default: writeLeaf(element, indent: indent)
            }
        }
    }

    /// A scalar or an empty collection, then the end of its line. `indent` is the column of the key or `- ` the
    /// value belongs to; a block scalar's lines go two columns further in.
    private mutating func writeLeaf(_ value: JSON, indent: Int) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += number.text
        case .string(let text): output += Scalar(text, isKey: false).text(indent: indent)
        case .array: output += "[]"
        case .object: output += "{}"
        }
        output += "\n"
    }

    private mutating func writeIndent(_ count: Int) {
        output += String(repeating: " ", count: count)
    }
}
