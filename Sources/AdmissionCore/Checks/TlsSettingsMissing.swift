extension CheckDefinition {
    /// An Ingress without `spec.tls`, which serves its hosts over plain HTTP.
    static let tlsSettingsMissing = CheckDefinition(
        id: "tlsSettingsMissing",
        category: .security,
        defaultSeverity: .warning,
        message: "Ingress should configure TLS",
        remediation: "Add spec.tls with the hosts and the Secret holding their certificate.",
        snippet: "spec: {tls: [{hosts: [shop.example.com], secretName: shop-example-com-tls}]}",
        rule: .object(appliesTo: isIngress) { context in
            let tls = context.object.value["spec"]?["tls"]?.elements
            return (tls?.count ?? 0) > 0 ? [] : [Violation(path: JSONPointer(["spec", "tls"]))]
        }
    )

    private static let isIngress: @Sendable (KubernetesObject) -> Bool = { object in
        object.kind == "Ingress" && (object.group == "networking.k8s.io" || object.group == "extensions")
    }
}
