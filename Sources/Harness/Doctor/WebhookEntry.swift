import AdmissionCore

/// One entry of `webhooks:` in a Validating- or MutatingWebhookConfiguration, with the API server's defaults for
/// its apiVersion applied: admissionregistration.k8s.io/v1beta1 defaulted failurePolicy to Ignore, timeoutSeconds
/// to 30, sideEffects to Unknown and admissionReviewVersions to [v1beta1]; v1 defaults failurePolicy to Fail,
/// timeoutSeconds to 10, and requires the other two.
struct WebhookEntry {
    let configuration: LocatedObject
    let index: Int
    let name: String
    let value: JSONValue

    init(configuration: LocatedObject, index: Int, value: JSONValue) {
        self.configuration = configuration
        self.index = index
        self.value = value
        let name = value["name"]?.string ?? ""
        self.name = name.isEmpty ? "#\(index + 1)" : name
    }

    var isBeta: Bool { configuration.object.apiVersion.hasSuffix("/v1beta1") }

    /// What the report names this entry by.
    var reference: DoctorFinding.Webhook {
        DoctorFinding.Webhook(
            kind: configuration.object.kind, name: configuration.object.name, webhook: name,
            file: configuration.file, line: configuration.line
        )
    }

    // MARK: Failure policy

    var declaredFailurePolicy: String? { value["failurePolicy"]?.string }

    /// Anything but an explicit (or v1beta1-defaulted) Ignore rejects requests when the webhook cannot answer.
    var failsClosed: Bool { (declaredFailurePolicy ?? (isBeta ? "Ignore" : "Fail")) != "Ignore" }

    /// `failurePolicy Fail`, or how the default came about, for messages.
    var failurePolicyText: String {
        if let declaredFailurePolicy { return "failurePolicy \(declaredFailurePolicy)" }
        return failsClosed ? "failurePolicy unset (Fail in \(configuration.object.apiVersion))"
            : "failurePolicy unset (Ignore in \(configuration.object.apiVersion))"
    }

    // MARK: Settings

    var declaredTimeout: JSONValue? { value["timeoutSeconds"].flatMap { $0.isNull ? nil : $0 } }
    var defaultTimeout: Int { isBeta ? 30 : 10 }
    var sideEffects: String? { value["sideEffects"]?.string ?? (isBeta ? "Unknown" : nil) }

    var admissionReviewVersions: [String]? {
        guard let list = value["admissionReviewVersions"]?.elements else { return isBeta ? ["v1beta1"] : nil }
        return list.compactMap(\.string)
    }

    // MARK: Client configuration

    var clientConfig: JSONValue? { value["clientConfig"] }
    var url: String? { clientConfig?["url"]?.string }

    /// The Service the API server calls (`clientConfig.service`), namespace defaulted to the release namespace.
    func service(defaultNamespace: String) -> (name: String, namespace: String, port: Int)? {
        guard let service = clientConfig?["service"], service.isObject else { return nil }
        let namespace = service["namespace"]?.string ?? ""
        return (service["name"]?.string ?? "", namespace.isEmpty ? defaultNamespace : namespace,
                service["port"]?.int ?? 443)
    }

    /// The caBundle as written (base64), nil when absent or empty.
    var caBundle: String? {
        guard let text = clientConfig?["caBundle"]?.string, !text.isEmpty else { return nil }
        return text
    }

    // MARK: Selection

    var namespaceSelector: JSONValue? { value["namespaceSelector"] }
    var objectSelector: JSONValue? { value["objectSelector"] }
    var rules: [JSONValue] { value["rules"]?.elements.map(Array.init) ?? [] }

    /// True when every rule is `scope: Cluster`: the namespaceSelector then only ever sees Namespace objects.
    var onlyClusterScoped: Bool {
        !rules.isEmpty && rules.allSatisfy { $0["scope"]?.isString("Cluster") == true }
    }

    /// The operations a rule list applies to `resource` in the core group (`namespaces`, `pods`), or nil if none.
    func operations(onCoreResource resource: String) -> [String]? {
        var found: [String] = []
        for rule in rules where rule["scope"]?.isString("Namespaced") != true {
            let groups = rule["apiGroups"]?.elements.map { $0.compactMap(\.string) } ?? []
            let resources = rule["resources"]?.elements.map { $0.compactMap(\.string) } ?? []
            guard groups.contains("") || groups.contains("*"),
                resources.contains(resource) || resources.contains("*") || resources.contains("*/*")
            else { continue }
            found += rule["operations"]?.elements.map { $0.compactMap(\.string) } ?? []
        }
        return found.isEmpty ? nil : found
    }

    /// Every entry of every webhook configuration among `objects`, in input order.
    static func all(in objects: [LocatedObject]) -> [WebhookEntry] {
        objects.filter { $0.object.isWebhookConfiguration }.flatMap { configuration in
            (configuration.object.value["webhooks"]?.elements.map(Array.init) ?? []).enumerated().map {
                WebhookEntry(configuration: configuration, index: $0.offset, value: $0.element)
            }
        }
    }
}

extension KubernetesObject {
    var isWebhookConfiguration: Bool {
        group == "admissionregistration.k8s.io"
            && (kind == "ValidatingWebhookConfiguration" || kind == "MutatingWebhookConfiguration")
    }
}
