/// A Kubernetes object as checks see it: identity plus the pod specs it carries. A class: every check's context
/// holds it, and one reference costs less to pass around than a copy of every field.
public final class KubernetesObject: Sendable {
    public let value: JSONValue
    public let apiVersion: String
    public let kind: String
    public let name: String
    /// The namespace the object is in (from the object, else from the request, else the caller's default).
    public let namespace: String
    public let labels: JSONValue?
    public let annotations: JSONValue?
    /// Every pod spec in the object with its JSON Pointer (one for every workload kind, none otherwise).
    public let podSpecs: [PodSpecLocation]

    public init(_ value: JSONValue, defaultNamespace: String = "") {
        self.value = value
        let apiVersion = value["apiVersion"]?.string ?? ""
        let kind = value["kind"]?.string ?? ""
        self.apiVersion = apiVersion
        self.kind = kind
        let metadata = value["metadata"]
        name = metadata?["name"]?.string ?? metadata?["generateName"]?.string ?? ""
        let ownNamespace = metadata?["namespace"]?.string ?? ""
        namespace = ownNamespace.isEmpty ? defaultNamespace : ownNamespace
        labels = metadata?["labels"]
        annotations = metadata?["annotations"]
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        podSpecs = PodSpecLocator.locate(kind: kind, group: group, in: value)
    }

    /// The API group of `apiVersion` ("" for the core group).
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    /// The label's value, when the object has that label as a string.
    public func label(_ key: String) -> String? { labels?[key]?.string }

    public func annotation(_ key: String) -> String? { annotations?[key]?.string }
}
