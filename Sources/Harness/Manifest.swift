import AdmissionCore

/// A loaded document read as a manifest: one object, or a `kind: List` (and the typed lists kubectl prints, e.g.
/// `DeploymentList`) carrying its objects in `items`. Shared by `audit` and `fix`, so both accept the same input.
struct Manifest {
    let root: JSONValue
    /// The list's items, or the root alone.
    let objects: [JSONValue]
    let isList: Bool

    init(_ document: LoadedDocument) throws(HarnessError) {
        do {
            root = try JSONDocument(parsing: document.bytes).root
        } catch {
            throw HarnessError("\(document.label): \(error)")
        }
        guard root.isObject else { throw HarnessError("\(document.label): a manifest must be an object, got \(root.kind)") }
        guard let kind = root["kind"]?.string, !kind.isEmpty else {
            throw HarnessError("\(document.label): object has no kind")
        }
        guard kind == "List" || kind.hasSuffix("List"), let items = root["items"]?.elements else {
            objects = [root]
            isList = false
            return
        }
        var objects: [JSONValue] = []
        for item in items {
            guard item.isObject, item["kind"]?.string?.isEmpty == false else {
                throw HarnessError("\(document.label): every item of a \(kind) must be an object with a kind")
            }
            objects.append(item)
        }
        self.objects = objects
        isList = true
    }
}
