/// Assembles `YAMLNode` trees from parser events, one document at a time, independent of libyaml.
///
/// Open collections live in final-class frames whose arrays are appended in place. (Holding them in enum values
/// and re-wrapping on every append copies the array each time: quadratic, 23 s for a 1.7 MB list.)
struct YAMLTreeBuilder {
    /// Collections may nest this deep, counting through aliases; deeper input is rejected while parsing so that
    /// no later recursion over the tree (conversion, or even deallocation) can exhaust the stack.
    static let maxDepth = 1000

    private final class Frame {
        let isMapping: Bool
        let anchor: String?
        let tag: String?
        let mark: YAMLMark
        var children: [YAMLNode] = []
        // The tallest child's collection height, so the finished node knows its own.
        var childHeight = 0

        init(isMapping: Bool, anchor: String?, tag: String?, mark: YAMLMark) {
            self.isMapping = isMapping
            self.anchor = anchor
            self.tag = tag
            self.mark = mark
        }
    }

    private struct Anchored {
        var node: YAMLNode
        // Collection nesting inside the node (0 for a scalar), so aliases cannot smuggle in extra depth.
        var height: Int
    }

    let file: String?
    private(set) var documents: [YAMLDocument] = []
    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var documentMark = YAMLMark(line: 1, column: 1)
    private var root: YAMLNode?

    init(file: String?) {
        self.file = file
    }

    mutating func startDocument(at mark: YAMLMark) {
        // Anchors are scoped to their document.
        anchors.removeAll(keepingCapacity: true)
        frames.removeAll()
        documentMark = mark
        root = nil
    }

    mutating func endDocument() {
        var content = root
        // libyaml reports a document with no content (`---` then nothing, or only comments) as an empty plain
        // scalar with no tag; no written scalar can be plain and empty, so this is unambiguous.
        if case .scalar(let value, .plain, nil, _) = content, value.isEmpty {
            content = nil
        }
        documents.append(YAMLDocument(root: content, mark: documentMark, file: file))
        root = nil
    }

    mutating func scalar(_ value: String, style: YAMLScalarStyle, tag: String?, anchor: String?, mark: YAMLMark) {
        attach(.scalar(value, style: style, tag: tag, mark: mark), height: 0, anchor: anchor)
    }

    mutating func alias(_ name: String, mark: YAMLMark) throws(YAMLError) {
        guard let anchored = anchors[name] else {
            if frames.contains(where: { $0.anchor == name }) {
                throw YAMLError(message: "alias *\(name) refers to a node that contains it", mark: mark, file: file)
            }
            throw YAMLError(message: "unknown anchor '\(name)' referenced", mark: mark, file: file)
        }
        try checkHeight(anchored.height, mark: mark)
        attach(anchored.node, height: anchored.height, anchor: nil)
    }

    mutating func startCollection(isMapping: Bool, tag: String?, anchor: String?, mark: YAMLMark) throws(YAMLError) {
        guard frames.count < YAMLTreeBuilder.maxDepth else {
            throw tooDeep(at: mark)
        }
        if let anchor {
            // From here the name means this (still open) node; an alias to it before it closes is recursive.
            anchors[anchor] = nil
        }
        frames.append(Frame(isMapping: isMapping, anchor: anchor, tag: tag, mark: mark))
    }

    mutating func endCollection() throws(YAMLError) {
        guard let frame = frames.popLast() else { return }
        let height = frame.childHeight + 1
        try checkHeight(height, mark: frame.mark)
        let node: YAMLNode
        if frame.isMapping {
            var members: [(key: YAMLNode, value: YAMLNode)] = []
            members.reserveCapacity(frame.children.count / 2)
            var index = frame.children.startIndex
            // libyaml always emits a value event (possibly an empty scalar) after each key, so children pair up.
            while index + 1 < frame.children.endIndex {
                members.append((key: frame.children[index], value: frame.children[index + 1]))
                index += 2
            }
            node = .mapping(members, tag: frame.tag, mark: frame.mark)
        } else {
            node = .sequence(frame.children, tag: frame.tag, mark: frame.mark)
        }
        frame.children = []
        attach(node, height: height, anchor: frame.anchor)
    }

    private mutating func attach(_ node: YAMLNode, height: Int, anchor: String?) {
        if let anchor {
            anchors[anchor] = Anchored(node: node, height: height)
        }
        if let parent = frames.last {
            parent.children.append(node)
            parent.childHeight = max(parent.childHeight, height)
        } else {
            root = node
        }
    }

    // The node lands under every open frame, so its height plus theirs is the depth it reaches.
    private func checkHeight(_ height: Int, mark: YAMLMark) throws(YAMLError) {
        if frames.count + height > YAMLTreeBuilder.maxDepth {
            throw tooDeep(at: mark)
        }
    }

    private func tooDeep(at mark: YAMLMark) -> YAMLError {
        YAMLError(message: "collections nest deeper than \(YAMLTreeBuilder.maxDepth) levels", mark: mark, file: file)
    }
}
