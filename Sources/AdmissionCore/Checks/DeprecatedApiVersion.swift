extension CheckDefinition {
    /// Flags objects written against an API version that the target Kubernetes release deprecates or no longer
    /// serves (table in `DeprecatedApis.swift`). In the webhook only still-served versions arrive; the check earns
    /// its keep in `review` and `audit` of manifests before an upgrade.
    static let deprecatedApiVersion = CheckDefinition(
        id: "deprecatedApiVersion",
        category: .reliability,
        defaultSeverity: .warning,
        message: "API version is deprecated or removed in the target Kubernetes version",
        remediation: "Change apiVersion to the replacement named in the finding and adapt the fields that moved.",
        parameters: [
            ParameterSpec("targetVersion", .string, default: "1.32", "Kubernetes version to judge against, e.g. 1.32."),
        ],
        snippet: "apiVersion: apps/v1, kind: Deployment",
        rule: .object(appliesTo: { _ in true }) { context in
            guard let api = DeprecatedAPI.entry(apiVersion: context.object.apiVersion, kind: context.object.kind),
                let target = DeprecatedAPI.minorVersion(context.parameters.string("targetVersion") ?? ""),
                let problem = api.problem(atMinor: target)
            else { return [] }
            return [Violation(path: JSONPointer(["apiVersion"]), detail: problem)]
        }
    )
}
