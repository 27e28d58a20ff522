extension CheckDefinition {
    /// An image built on a general-purpose distribution or a full language image (the last path component of the
    /// repository is in `baseImages`) whose tag carries none of `minimalTagMarkers`. A digest without a tag cannot be
    /// told apart and passes.
    static let imageNotMinimal = CheckDefinition(
        id: "imageNotMinimal",
        category: .security,
        defaultSeverity: .warning,
        message: "Image should be a minimal variant",
        remediation: "Use a slim, alpine or distroless variant, or a minimal base, to shrink the attack surface.",
        parameters: [
            ParameterSpec("baseImages", .stringList, default: [
                "ubuntu", "debian", "centos", "fedora", "amazonlinux",
                "python", "node", "ruby", "openjdk", "golang", "php",
            ], "Image names (last path component) that are full, general-purpose images."),
            ParameterSpec(
                "minimalTagMarkers", .stringList, default: ["slim", "alpine", "distroless", "minimal"],
                "Words in a tag that mark a minimal variant."
            ),
        ],
        snippet: "image: python:3.12-slim",
        rule: .container(roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "image") {
            let image = ImageReference($0.container["image"]?.string ?? "")
            let name = image.repository.utf8.lastIndex(of: UInt8(ascii: "/"))
                .map { String(image.repository[image.repository.utf8.index(after: $0)...]) } ?? image.repository
            guard $0.parameters.stringList("baseImages").contains(name) else { return true }
            if image.tag == nil, image.digest?.isEmpty == false { return true }
            let tag = (image.tag ?? "latest").lowercased()
            return $0.parameters.stringList("minimalTagMarkers").contains { tag.contains($0.lowercased()) }
        }
    )
}
