internal import CLibYAML

/// Drives libyaml's event parser over a byte buffer and hands each event to a `YAMLTreeBuilder`.
///
/// This is the only file that touches libyaml; no C type leaves it.
enum YAMLParser {
    static func parse(_ bytes: [UInt8], file: String?) throws(YAMLError) -> [YAMLDocument] {
        // libyaml wants a non-null buffer; an empty stream has no documents anyway.
        if bytes.isEmpty { return [] }

        // yaml_parser_t keeps pointers into itself, so it must never move: heap-allocate it.
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLError(message: "out of memory while starting the YAML parser", file: file, line: 1, column: 1)
        }
        defer { yaml_parser_delete(parser) }

        // libyaml reads the caller's buffer in place, so the whole parse happens inside this closure.
        let result: Result<[YAMLDocument], YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .success([]) }
            yaml_parser_set_input_string(parser, base, buffer.count)
            var builder = YAMLTreeBuilder(file: file)
            do throws(YAMLError) {
                try run(parser, into: &builder, input: buffer, file: file)
            } catch {
                return .failure(error)
            }
            return .success(builder.documents)
        }
        return try result.get()
    }

    private static func run(
        _ parser: UnsafeMutablePointer<yaml_parser_t>,
        into builder: inout YAMLTreeBuilder,
        input: UnsafeBufferPointer<UInt8>,
        file: String?
    ) throws(YAMLError) {
        var event = yaml_event_t()
        while true {
            // libyaml zeroes the event before parsing, so deleting it is safe even when parsing failed.
            defer { yaml_event_delete(&event) }
            guard yaml_parser_parse(parser, &event) != 0 else {
                throw error(of: parser, input: input, file: file)
            }
            let mark = yamlMark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                return
            case YAML_DOCUMENT_START_EVENT:
                builder.startDocument(at: mark)
            case YAML_DOCUMENT_END_EVENT:
                builder.endDocument()
            case YAML_SCALAR_EVENT:
                let data = event.data.scalar
                let value: String
                if let pointer = data.value {
                    value = String(decoding: UnsafeBufferPointer(start: pointer, count: data.length), as: UTF8.self)
                } else {
                    value = ""
                }
                builder.scalar(
                    value,
                    style: scalarStyle(data.style),
                    tag: string(data.tag),
                    anchor: string(data.anchor),
                    mark: mark
                )
            case YAML_ALIAS_EVENT:
                try builder.alias(string(event.data.alias.anchor) ?? "", mark: mark)
            case YAML_SEQUENCE_START_EVENT:
                let data = event.data.sequence_start
                try builder.startCollection(
                    isMapping: false, tag: string(data.tag), anchor: string(data.anchor), mark: mark
                )
            case YAML_MAPPING_START_EVENT:
                let data = event.data.mapping_start
                try builder.startCollection(
                    isMapping: true, tag: string(data.tag), anchor: string(data.anchor), mark: mark
                )
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection()
            default:
                // STREAM_START carries only the detected encoding.
                break
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func yamlMark(_ mark: yaml_mark_t) -> YAMLMark {
        // libyaml counts from 0.
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// Turns libyaml's error state into a `YAMLError` at the problem's position.
    private static func error(
        of parser: UnsafeMutablePointer<yaml_parser_t>,
        input: UnsafeBufferPointer<UInt8>,
        file: String?
    ) -> YAMLError {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.pointee.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(message: "out of memory while parsing YAML", file: file, line: 1, column: 1)
        case YAML_READER_ERROR:
            // Reader errors (bad UTF-8, control characters) carry a byte offset and the offending value, not a mark.
            let offset = min(parser.pointee.problem_offset, input.count)
            let value = parser.pointee.problem_value
            let message = value >= 0 ? "\(problem) (0x\(String(value, radix: 16, uppercase: true)))" : problem
            let mark = markOfOffset(offset, in: input)
            return YAMLError(message: message, mark: mark, file: file)
        default:
            var message = problem
            if let context = parser.pointee.context.map({ String(cString: $0) }) {
                let contextMark = yamlMark(parser.pointee.context_mark)
                message += " (\(context) at line \(contextMark.line), column \(contextMark.column))"
            }
            return YAMLError(message: message, mark: yamlMark(parser.pointee.problem_mark), file: file)
        }
    }

    /// The line and column of a byte offset, counting columns in characters as libyaml does.
    static func markOfOffset(_ offset: Int, in input: UnsafeBufferPointer<UInt8>) -> YAMLMark {
        var line = 1
        var column = 1
        var index = 0
        while index < offset {
            let byte = input[index]
            // A line break is `\n`, or a `\r` not followed by `\n`.
            let crAlone = byte == UInt8(ascii: "\r") && (index + 1 >= offset || input[index + 1] != UInt8(ascii: "\n"))
            if byte == UInt8(ascii: "\n") || crAlone {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return YAMLMark(line: line, column: column)
    }
}
