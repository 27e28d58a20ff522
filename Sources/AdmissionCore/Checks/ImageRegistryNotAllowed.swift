extension CheckDefinition {
    /// An image pulled from a registry outside `allowedRegistries`. Off unless configured: the default empty list
    /// allows every registry. Registries compare exactly (lowercased), port included.
    static let imageRegistryNotAllowed = CheckDefinition(
        id: "imageRegistryNotAllowed",
        category: .security,
        defaultSeverity: .warning,
        message: "Image comes from a registry that is not allowed",
        remediation: "Pull the image from one of the allowed registries, mirroring it there if needed.",
        parameters: [
            ParameterSpec(
                "allowedRegistries", .stringList, default: [],
                "Registry hosts images may come from (docker.io for Docker Hub); empty allows all."
            ),
        ],
        snippet: "image: registry.example.com/shop/web:1.4.2",
        rule: .container(roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "image") {
            let allowed = $0.parameters.stringList("allowedRegistries")
            guard !allowed.isEmpty else { return true }
            let registry = ImageReference.registry(of: $0.container["image"]?.string ?? "")
            return allowed.contains { $0.lowercased() == registry }
        }
    )
}

extension ImageReference {
    /// The registry host of an image reference, lowercased: the part before the first `/` when it looks like a
    /// host (contains `.` or `:`, or is `localhost`), else Docker Hub's `docker.io`.
    public static func registry(of reference: String) -> String {
        guard let slash = reference.firstIndex(of: "/") else { return "docker.io" }
        let head = reference[..<slash]
        guard head.contains(".") || head.contains(":") || head == "localhost" else { return "docker.io" }
        return head.lowercased()
    }
}
