/// Why a JSON text was rejected, and where: a byte offset plus the 1-based line and column it falls on.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let offset: Int
    public let line: Int
    public let column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Locates `offset` in `bytes` by counting newlines; only paid when an error is reported.
    init(_ message: String, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        self.init(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }

    public var description: String { "\(line):\(column): \(message)" }
}
