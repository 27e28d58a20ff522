/// Kubernetes API versions that are deprecated or no longer served, one entry per group/version/kind.
///
/// Source: the Kubernetes Deprecated API Migration Guide,
/// https://kubernetes.io/docs/reference/using-api/deprecation-guide/ (removals through v1.32), plus the release
/// notes of later releases for betas deprecated since. Versions are Kubernetes 1.x minor numbers. Alpha versions are
/// left out: they are off by default and may vanish in any release.
public struct DeprecatedAPI: Sendable {
    public let apiVersion: String
    public let kind: String
    /// The first 1.x minor release that marks this version deprecated.
    public let deprecatedIn: Int
    /// The first 1.x minor release that no longer serves it; nil when no removal is scheduled yet.
    public let removedIn: Int?
    /// What to use instead ("apps/v1"), or a sentence when there is no replacement.
    public let replacement: String

    init(_ apiVersion: String, _ kind: String, _ deprecatedIn: Int, _ removedIn: Int?, _ replacement: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.deprecatedIn = deprecatedIn
        self.removedIn = removedIn
        self.replacement = replacement
    }

    /// The entry for an object's apiVersion and kind, if that pair is in the table.
    public static func entry(apiVersion: String, kind: String) -> DeprecatedAPI? { byKey[apiVersion + " " + kind] }

    private static let byKey: [String: DeprecatedAPI] = Dictionary(
        all.map { ($0.apiVersion + " " + $0.kind, $0) }, uniquingKeysWith: { first, _ in first }
    )

    public static let all: [DeprecatedAPI] = [
        // Removed in 1.16
        .init("extensions/v1beta1", "Deployment", 9, 16, "apps/v1"),
        .init("extensions/v1beta1", "DaemonSet", 9, 16, "apps/v1"),
        .init("extensions/v1beta1", "ReplicaSet", 9, 16, "apps/v1"),
        .init("extensions/v1beta1", "NetworkPolicy", 9, 16, "networking.k8s.io/v1"),
        .init("extensions/v1beta1", "PodSecurityPolicy", 10, 16, "policy/v1beta1, itself removed in 1.25"),
        .init("apps/v1beta1", "Deployment", 9, 16, "apps/v1"),
        .init("apps/v1beta1", "StatefulSet", 9, 16, "apps/v1"),
        .init("apps/v1beta1", "ControllerRevision", 9, 16, "apps/v1"),
        .init("apps/v1beta2", "Deployment", 9, 16, "apps/v1"),
        .init("apps/v1beta2", "StatefulSet", 9, 16, "apps/v1"),
        .init("apps/v1beta2", "DaemonSet", 9, 16, "apps/v1"),
        .init("apps/v1beta2", "ReplicaSet", 9, 16, "apps/v1"),
        .init("apps/v1beta2", "ControllerRevision", 9, 16, "apps/v1"),
        // Removed in 1.22
        .init("extensions/v1beta1", "Ingress", 14, 22, "networking.k8s.io/v1"),
        .init("networking.k8s.io/v1beta1", "Ingress", 19, 22, "networking.k8s.io/v1"),
        .init("networking.k8s.io/v1beta1", "IngressClass", 19, 22, "networking.k8s.io/v1"),
        .init("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration", 16, 22,
              "admissionregistration.k8s.io/v1"),
        .init("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration", 16, 22,
              "admissionregistration.k8s.io/v1"),
        .init("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition", 16, 22, "apiextensions.k8s.io/v1"),
        .init("apiregistration.k8s.io/v1beta1", "APIService", 19, 22, "apiregistration.k8s.io/v1"),
        .init("authentication.k8s.io/v1beta1", "TokenReview", 19, 22, "authentication.k8s.io/v1"),
        .init("authorization.k8s.io/v1beta1", "SubjectAccessReview", 19, 22, "authorization.k8s.io/v1"),
        .init("authorization.k8s.io/v1beta1", "LocalSubjectAccessReview", 19, 22, "authorization.k8s.io/v1"),
        .init("authorization.k8s.io/v1beta1", "SelfSubjectAccessReview", 19, 22, "authorization.k8s.io/v1"),
        .init("certificates.k8s.io/v1beta1", "CertificateSigningRequest", 19, 22, "certificates.k8s.io/v1"),
        .init("coordination.k8s.io/v1beta1", "Lease", 14, 22, "coordination.k8s.io/v1"),
        .init("rbac.authorization.k8s.io/v1beta1", "ClusterRole", 17, 22, "rbac.authorization.k8s.io/v1"),
        .init("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding", 17, 22, "rbac.authorization.k8s.io/v1"),
        .init("rbac.authorization.k8s.io/v1beta1", "Role", 17, 22, "rbac.authorization.k8s.io/v1"),
        .init("rbac.authorization.k8s.io/v1beta1", "RoleBinding", 17, 22, "rbac.authorization.k8s.io/v1"),
        .init("scheduling.k8s.io/v1beta1", "PriorityClass", 14, 22, "scheduling.k8s.io/v1"),
        .init("storage.k8s.io/v1beta1", "CSIDriver", 19, 22, "storage.k8s.io/v1"),
        .init("storage.k8s.io/v1beta1", "CSINode", 17, 22, "storage.k8s.io/v1"),
        .init("storage.k8s.io/v1beta1", "StorageClass", 19, 22, "storage.k8s.io/v1"),
        .init("storage.k8s.io/v1beta1", "VolumeAttachment", 19, 22, "storage.k8s.io/v1"),
        // Removed in 1.25
        .init("batch/v1beta1", "CronJob", 21, 25, "batch/v1"),
        .init("discovery.k8s.io/v1beta1", "EndpointSlice", 21, 25, "discovery.k8s.io/v1"),
        .init("events.k8s.io/v1beta1", "Event", 19, 25, "events.k8s.io/v1"),
        .init("autoscaling/v2beta1", "HorizontalPodAutoscaler", 22, 25, "autoscaling/v2"),
        .init("policy/v1beta1", "PodDisruptionBudget", 21, 25, "policy/v1"),
        .init("policy/v1beta1", "PodSecurityPolicy", 21, 25,
              "Pod Security Admission or a policy webhook, as PodSecurityPolicy has no successor"),
        .init("node.k8s.io/v1beta1", "RuntimeClass", 20, 25, "node.k8s.io/v1"),
        // Removed in 1.26
        .init("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema", 23, 26, "flowcontrol.apiserver.k8s.io/v1"),
        .init("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration", 23, 26,
              "flowcontrol.apiserver.k8s.io/v1"),
        .init("autoscaling/v2beta2", "HorizontalPodAutoscaler", 23, 26, "autoscaling/v2"),
        // Removed in 1.27
        .init("storage.k8s.io/v1beta1", "CSIStorageCapacity", 24, 27, "storage.k8s.io/v1"),
        // Removed in 1.29
        .init("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", 26, 29, "flowcontrol.apiserver.k8s.io/v1"),
        .init("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration", 26, 29,
              "flowcontrol.apiserver.k8s.io/v1"),
        // Removed in 1.32
        .init("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema", 29, 32, "flowcontrol.apiserver.k8s.io/v1"),
        .init("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", 29, 32,
              "flowcontrol.apiserver.k8s.io/v1"),
        // Deprecated when resource.k8s.io/v1 went GA (1.34); no removal release announced yet.
        .init("resource.k8s.io/v1beta1", "DeviceClass", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta1", "ResourceClaim", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta1", "ResourceClaimTemplate", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta1", "ResourceSlice", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta2", "DeviceClass", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta2", "ResourceClaim", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta2", "ResourceClaimTemplate", 34, nil, "resource.k8s.io/v1"),
        .init("resource.k8s.io/v1beta2", "ResourceSlice", 34, nil, "resource.k8s.io/v1"),
    ]

    /// The 1.x minor number of a version such as "1.32", "v1.32" or "1.32.4"; nil when it is not 1.x.
    public static func minorVersion(_ text: String) -> Int? {
        var rest = Substring(text)
        if rest.first == "v" { rest = rest.dropFirst() }
        guard rest.hasPrefix("1.") else { return nil }
        let minor = rest.dropFirst(2).prefix { $0 != "." }
        return Int(minor)
    }

    /// What to say about this API for a cluster at `target`, or nil when it is still fine there.
    public func problem(atMinor target: Int) -> String? {
        let name = "\(apiVersion) \(kind)"
        if let removedIn, target >= removedIn {
            return "\(name) was removed in 1.\(removedIn); use \(replacement)"
        }
        guard target >= deprecatedIn else { return nil }
        let removal = removedIn.map { " and is removed in 1.\($0)" } ?? ""
        return "\(name) is deprecated since 1.\(deprecatedIn)\(removal); use \(replacement)"
    }
}
