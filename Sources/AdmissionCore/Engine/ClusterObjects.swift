/// The objects judged together, for checks that need a second object (a PDB, an HPA, a Role, a ServiceAccount).
/// In `audit`, every object given together is one "cluster"; the webhook has only the object under review.
public struct ClusterObjects: Sendable {
    public let objects: [KubernetesObject]

    public init(_ objects: [KubernetesObject]) {
        self.objects = objects
    }

    /// Objects of `kind` (any API group, unless given), optionally only in `namespace`.
    public func objects(kind: String, group: String? = nil, namespace: String? = nil) -> [KubernetesObject] {
        objects.filter { object in
            object.kind == kind && (group == nil || object.group == group) && (namespace == nil || object.namespace == namespace)
        }
    }

    /// The object of `kind` named `name` (in `namespace`, for namespaced kinds).
    public func object(kind: String, name: String, namespace: String? = nil) -> KubernetesObject? {
        objects.first { $0.kind == kind && $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }
}
