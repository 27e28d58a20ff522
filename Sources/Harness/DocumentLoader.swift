import AdmissionCore
import PolicyConfig

/// One JSON document from an input file, with where it came from.
public struct LoadedDocument: Sendable {
    public let file: String
    /// 1-based position of the document in its file.
    public let index: Int
    /// 1-based line where the document starts.
    public let line: Int
    /// The document as JSON text: the file's own bytes for JSON input, the converted YAML otherwise.
    public let bytes: [UInt8]

    /// `file` for a single-document file, `file (document N)` otherwise; used in messages.
    public var label: String { index > 1 || line > 1 ? "\(file):\(line)" : file }
}

/// Reads JSON or YAML (multi-document) inputs into JSON documents. JSON input is passed through byte for byte;
/// YAML goes through libyaml with kubectl's scalar rules (see `YAMLNode.json`).
public enum DocumentLoader {
    public static func documents(in input: InputFile) throws(HarnessError) -> [LoadedDocument] {
        let declaredJSON = input.name.lowercased().hasSuffix(".json")
        if declaredJSON || looksLikeJSON(input.bytes) {
            do {
                _ = try JSONDocument(parsing: input.bytes)
                return [LoadedDocument(file: input.name, index: 1, line: 1, bytes: input.bytes)]
            } catch {
                // A `.json` file must be JSON; anything else may still be YAML written in flow style.
                if declaredJSON {
                    throw HarnessError(file: input.name, line: error.line, column: error.column, "not valid JSON: \(error.message)")
                }
            }
        }
        do {
            var result: [LoadedDocument] = []
            for (position, document) in try YAMLLoader.load(input.bytes, file: input.name).enumerated() {
                guard document.root != nil else { continue }
                let json = try document.json()
                result.append(LoadedDocument(
                    file: input.name, index: position + 1, line: document.mark.line, bytes: JSONWriter().bytes(json)
                ))
            }
            return result
        } catch {
            throw HarnessError(file: input.name, line: error.line, column: error.column, error.message)
        }
    }

    private static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        let first = bytes.first { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
