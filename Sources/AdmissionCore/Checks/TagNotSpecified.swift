extension CheckDefinition {
    static let tagNotSpecified = CheckDefinition(
        id: "tagNotSpecified",
        category: .reliability,
        defaultSeverity: .danger,
        message: "Image should name a tag other than latest, or a digest",
        remediation: "Pin the image to a version tag (nginx:1.27.3) or a digest (nginx@sha256:...), never :latest.",
        snippet: "image: nginx:1.27.3",
        rule: .container(roles: [.regular, .initContainer, .ephemeral], skipsRunToCompletion: false, field: "image") {
            ImageReference($0.container["image"]?.string ?? "").isPinned
        }
    )
}
