import Foundation

/// The entry's own settings: where it is called, how long the API server waits, dry runs, review versions.
extension WebhookCheckup {
    mutating func checkSettings() {
        checkClientConfig()
        checkTimeout()
        checkSideEffects()
        checkReviewVersions()
    }

    private mutating func checkClientConfig() {
        let hasService = entry.clientConfig?["service"].map { !$0.isNull } ?? false
        let url = entry.url
        switch (hasService, url) {
        case (false, nil):
            report(.clientConfigInvalid, .danger, "clientConfig has neither service nor url: the API server refuses the configuration")
        case (true, .some):
            report(.clientConfigInvalid, .danger, "clientConfig has both service and url: the API server refuses the configuration")
        case (true, nil):
            if entry.service(defaultNamespace: context.defaultNamespace)?.name.isEmpty != false {
                report(.clientConfigInvalid, .danger, "clientConfig.service has no name: the API server refuses the configuration")
            }
        case (false, let url?):
            if let problem = Self.urlProblem(url) {
                report(.clientConfigInvalid, .danger, "clientConfig.url \(url) \(problem): the API server refuses the configuration")
            }
        }
    }

    /// What the API server refuses in a webhook URL, or nil.
    static func urlProblem(_ url: String) -> String? {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else { return "is not a URL with a host" }
        if parts.scheme?.lowercased() != "https" { return "is not https" }
        if parts.user != nil || parts.password != nil { return "has a user" }
        if parts.query != nil || parts.fragment != nil { return "has a query or fragment" }
        return nil
    }

    private mutating func checkTimeout() {
        let seconds: Int
        let written: String
        if let declared = entry.declaredTimeout {
            guard let value = declared.int else {
                report(.timeoutOutOfRange, .danger, "timeoutSeconds is not a whole number: the API server refuses the configuration")
                return
            }
            seconds = value
            written = "timeoutSeconds \(value)"
        } else {
            seconds = entry.defaultTimeout
            written = "timeoutSeconds unset (\(seconds) in \(entry.configuration.object.apiVersion))"
        }
        if seconds < 1 || seconds > 30 {
            report(.timeoutOutOfRange, .danger, "\(written) is outside 1-30: the API server refuses the configuration")
        } else if seconds > 10 {
            report(.timeoutTooLong, .warning,
                   "\(written): while the webhook hangs, every request it matches waits \(seconds) s instead of the API server's default 10, and clients that give up first retry into the same wait")
        }
    }

    private mutating func checkSideEffects() {
        switch entry.sideEffects {
        case "None", "NoneOnDryRun":
            return
        case nil:
            report(.sideEffectsUnsafe, .danger, "sideEffects unset: required in \(entry.configuration.object.apiVersion), the API server refuses the configuration")
        case let value?:
            let written = entry.value["sideEffects"] == nil ? "sideEffects unset (\(value) in v1beta1)" : "sideEffects \(value)"
            report(.sideEffectsUnsafe, .danger,
                   "\(written): every dry-run request it matches (kubectl apply --dry-run=server, kubectl diff) is rejected")
        }
    }

    private mutating func checkReviewVersions() {
        guard let versions = entry.admissionReviewVersions else {
            report(.admissionReviewV1Missing, .danger, "admissionReviewVersions unset: required in \(entry.configuration.object.apiVersion), the API server refuses the configuration")
            return
        }
        if versions.contains("v1") { return }
        if versions.contains("v1beta1") {
            report(.admissionReviewV1Missing, .warning,
                   "admissionReviewVersions [\(versions.joined(separator: ", "))] lacks v1: the API server sends the deprecated v1beta1 AdmissionReview, which newer servers may drop")
        } else {
            report(.admissionReviewV1Missing, .danger,
                   "admissionReviewVersions [\(versions.joined(separator: ", "))] names no version the API server sends (v1, v1beta1): every call fails")
        }
    }
}
