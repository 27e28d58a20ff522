/// What the RBAC checks share: reading a Role's rules, and judging a binding by the role it references.
enum RBACRules {
    static let group = "rbac.authorization.k8s.io"

    /// Names Kubernetes and cloud providers install themselves (`system:`, `gce:`), which users do not own.
    static func isPlatformOwned(_ name: String) -> Bool {
        name.hasPrefix("system:") || name.hasPrefix("gce:")
    }

    /// An object of `kind` in the RBAC API group.
    static func isKind(_ kind: String) -> @Sendable (KubernetesObject) -> Bool {
        { object in object.kind == kind && object.group == group }
    }

    /// True when a rule's list `field` holds `"*"` or one of `names`.
    static func lists(_ rule: JSONValue, _ field: String, anyOf names: [String]) -> Bool {
        guard let elements = rule[field]?.elements else { return false }
        return elements.contains { value in value.isString("*") || names.contains { value.isString($0) } }
    }

    /// A rule that lets its holder open a shell in pods: get or create on pods/exec or pods/attach, core group.
    static func grantsPodExecOrAttach(_ rule: JSONValue) -> Bool {
        lists(rule, "apiGroups", anyOf: [""]) && lists(rule, "verbs", anyOf: ["get", "create"])
            && lists(rule, "resources", anyOf: ["pods/exec", "pods/attach", "*/exec", "*/attach"])
    }

    /// A rule as strong as cluster-admin's: every group, every resource, every verb (`*` or all seven spelled out).
    static func grantsEverything(_ rule: JSONValue) -> Bool {
        guard lists(rule, "apiGroups", anyOf: []), lists(rule, "resources", anyOf: []) else { return false }
        if lists(rule, "verbs", anyOf: []) { return true }
        let verbs = ["get", "list", "watch", "create", "update", "patch", "delete"]
        guard let listed = rule["verbs"]?.elements else { return false }
        return verbs.allSatisfy { verb in listed.contains { $0.isString(verb) } }
    }

    /// Violations at `/rules/<n>` for every rule of `role` that `grants` flags.
    static func offendingRules(of role: JSONValue, _ grants: (JSONValue) -> Bool) -> [Violation] {
        guard let rules = role["rules"]?.elements else { return [] }
        return rules.enumerated().compactMap { position, rule in
            grants(rule) ? Violation(path: JSONPointer(["rules", String(position)])) : nil
        }
    }

    /// The permission a binding check looks for.
    enum Grant: Sendable {
        case podExecOrAttach, everything

        func isGranted(by rule: JSONValue) -> Bool {
            self == .podExecOrAttach ? grantsPodExecOrAttach(rule) : grantsEverything(rule)
        }

        /// Whether Kubernetes's default user-facing ClusterRole `name` grants it (nil for any other name). The API
        /// server reconciles these roles, so their content is known even when the input does not carry them.
        func isGranted(byDefaultClusterRole name: String) -> Bool? {
            switch name {
            case "view": return false
            case "edit", "admin": return self == .podExecOrAttach
            case "cluster-admin": return true
            default: return nil
            }
        }
    }

    /// Judges a binding by the `roleKind` it references: fails when that role has a rule granting `grant`, or (in
    /// `audit`) when the role is absent from the input, since an absent role cannot be proven safe (Kubernetes's
    /// default view, edit, admin and cluster-admin ClusterRoles are known without it). A binding to another kind
    /// of role passes; a platform-owned binding passes. `decidesAlone` fails a binding from its `roleRef` alone
    /// (cluster-admin), which the webhook can answer; otherwise the webhook answers nil.
    static func judgeBinding(
        _ context: ObjectContext, roleKind: String, grant: Grant, decidesAlone: (String) -> Bool = { _ in false }
    ) -> [Violation]? {
        let binding = context.object
        guard !isPlatformOwned(binding.name), binding.name != "cluster-admin",
            let roleRef = binding.value["roleRef"], roleRef["kind"]?.isString(roleKind) == true
        else { return [] }
        let path = JSONPointer(["roleRef", "name"])
        let roleName = roleRef["name"]?.string ?? ""
        if decidesAlone(roleName) { return [Violation(path: path, detail: "binds \(roleKind) \(roleName)")] }
        guard let cluster = context.cluster else { return nil }
        let namespace = roleKind == "Role" ? binding.namespace : nil
        let granted: Bool
        if let role = cluster.object(kind: roleKind, name: roleName, namespace: namespace) {
            granted = (role.value["rules"]?.elements).map { $0.contains { grant.isGranted(by: $0) } } ?? false
        } else if roleKind == "ClusterRole", let known = grant.isGranted(byDefaultClusterRole: roleName) {
            granted = known
        } else {
            return [Violation(path: path, detail: "\(roleKind) \(roleName) is absent from the input")]
        }
        return granted ? [Violation(path: path, detail: "\(roleKind) \(roleName) grants it")] : []
    }
}
