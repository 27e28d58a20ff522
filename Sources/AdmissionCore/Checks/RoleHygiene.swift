/// Shared by the RBAC hygiene checks on Roles and ClusterRoles.
enum RoleHygiene {
    /// A Role or ClusterRole of the rbac.authorization.k8s.io group.
    static func isRole(_ object: KubernetesObject) -> Bool {
        (object.kind == "Role" || object.kind == "ClusterRole") && object.group == "rbac.authorization.k8s.io"
    }

    /// Roles that Kubernetes itself ships: `system:` roles and the user-facing cluster-admin, admin and edit.
    static func isBuiltIn(_ object: KubernetesObject) -> Bool {
        object.name.hasPrefix("system:")
            || (object.kind == "ClusterRole" && ["cluster-admin", "admin", "edit"].contains(object.name))
    }

    /// Each rule's `field` entries that are in `values`, with the pointer to the entry.
    static func grants(
        _ object: KubernetesObject, fields: [String], values: Set<String>
    ) -> [(path: JSONPointer, field: String, value: String)] {
        guard let rules = object.value["rules"]?.elements else { return [] }
        var found: [(path: JSONPointer, field: String, value: String)] = []
        for (index, rule) in rules.enumerated() {
            for field in fields {
                guard let entries = rule[field]?.elements else { continue }
                for (position, entry) in entries.enumerated() {
                    guard let text = entry.string, values.contains(text) else { continue }
                    found.append((JSONPointer(["rules", String(index), field, String(position)]), field, text))
                }
            }
        }
        return found
    }
}
