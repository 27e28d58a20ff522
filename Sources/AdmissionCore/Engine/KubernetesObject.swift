/// A Kubernetes object as checks see it: identity plus the pod specs it carries.
public struct KubernetesObject: Sendable {
    public let value: JSONValue
    public let apiVersion: String
    public let kind: String
    public let name: String
    /// The namespace the object is in (from the object, else from the request, else the caller's default).
    public let namespace: String
    public let labels: JSONValue?
    public let annotations: JSONValue?
    /// Every pod spec in the object with its JSON Pointer (one for every workload kind, none otherwise).
    public private(set) var podSpecs: [PodSpecLocation] = []

    public init(_ value: JSONValue, defaultNamespace: String = "") {
        self.value = value
        apiVersion = value["apiVersion"]?.string ?? ""
        kind = value["kind"]?.string ?? ""
        let metadata = value["metadata"]
        name = metadata?["name"]?.string ?? metadata?["generateName"]?.string ?? ""
        let ownNamespace = metadata?["namespace"]?.string ?? ""
        namespace = ownNamespace.isEmpty ? defaultNamespace : ownNamespace
        labels = metadata?["labels"]
        annotations = metadata?["annotations"]
        podSpecs = PodSpecLocator.locate(in: self)
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
