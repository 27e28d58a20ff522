/// The header fields of a request, in the order received, names spelled as sent.
///
/// Lookups ignore ASCII case. Repeated fields are kept as separate entries; the subscript answers the first one,
/// which is enough for the fields the parser has already checked to be single (`Host`, `Content-Length`). For list
/// fields that may be split over several lines (`Connection`, `Transfer-Encoding`, `Accept`), use
/// `commaSeparatedValues(for:)`, which treats the lines as one comma-separated list (RFC 9110 §5.3).
public struct HTTPHeaders: Sendable, Sequence, Equatable, ExpressibleByDictionaryLiteral {
    /// One field: the name as sent, the value without surrounding whitespace.
    public typealias Element = (name: String, value: String)

    /// A struct rather than the `Element` tuple: arrays of tuples are copied and destroyed through generic runtime
    /// paths, measurably slower on every request.
    fileprivate struct Field: Sendable {
        var name: String
        var value: String
    }

    private var fields: [Field]

    /// No fields.
    public init() {
        fields = []
    }

    /// No fields yet, with room for `capacity` without reallocating.
    init(reservingCapacity capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// The given fields, in order; duplicates are kept.
    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    /// `["Content-Type": "application/json"]`; repeating a name adds a second field.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The number of fields, repeated ones counted each time.
    public var count: Int { fields.count }

    /// The value of the first field called `name` (any case), or nil.
    public subscript(name: String) -> String? {
        for field in fields where Self.namesMatch(field.name, name) {
            return field.value
        }
        return nil
    }

    /// The values of every field called `name` (any case), in order.
    public func values(for name: String) -> [String] {
        fields.compactMap { Self.namesMatch($0.name, name) ? $0.value : nil }
    }

    /// The number of fields called `name` (any case).
    public func count(of name: String) -> Int {
        var count = 0
        for field in fields where Self.namesMatch(field.name, name) {
            count += 1
        }
        return count
    }

    /// True if at least one field is called `name` (any case).
    public func contains(_ name: String) -> Bool {
        self[name] != nil
    }

    /// The members of a list-valued field over all its lines, split at commas, without surrounding whitespace and
    /// without empty members: `Connection: keep-alive, Upgrade` → `["keep-alive", "Upgrade"]`. Quoted strings are
    /// not understood, so use this only for token lists.
    public func commaSeparatedValues(for name: String) -> [String] {
        var members: [String] = []
        for value in values(for: name) {
            for member in value.utf8.split(separator: UInt8(ascii: ",")) {
                let trimmed = HTTPSyntax.trimmingWhitespace(member)
                if !trimmed.isEmpty {
                    members.append(String(decoding: trimmed, as: UTF8.self))
                }
            }
        }
        return members
    }

    /// Adds a field after the existing ones.
    public mutating func append(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Iterates over the fields in the order received.
    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Field]>

        /// The next field, or nil after the last.
        public mutating func next() -> Element? {
            base.next().map { (name: $0.name, value: $0.value) }
        }
    }

    /// The fields in the order received.
    public func makeIterator() -> Iterator {
        Iterator(base: fields.makeIterator())
    }

    /// Same fields in the same order, names compared exactly.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Header names are ASCII tokens, so folding only A–Z is exact, and it needs no allocation.
    static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && HTTPSyntax.equalIgnoringASCIICase(lhs.utf8, rhs.utf8)
    }
}
