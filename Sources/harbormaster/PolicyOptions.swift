import AdmissionCore
import ArgumentParser
import Foundation
import Harness
import PolicyConfig

/// Options shared by every command that judges objects.
struct PolicyOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Policy file (YAML). Without it the built-in policy applies (examples/policy.yaml).", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("check"), help: ArgumentHelp("Run only this check, at severity danger (repeatable).", valueName: "ID"))
    var checks: [String] = []

    func validate() throws {
        for id in checks where BuiltinChecks.named(id) == nil {
            throw ValidationError("unknown check '\(id)' (run `harbormaster checks` for the list)")
        }
    }

    /// The engine with the configured policy; a broken policy file is a usage error (exit 2).
    func evaluator() throws -> Evaluator {
        var policy: Policy
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else {
                throw HarnessError("\(config): cannot read the policy file")
            }
            do {
                policy = try PolicyFile.parse([UInt8](data), file: config)
            } catch {
                throw HarnessError("\(error)")
            }
        } else {
            policy = PolicyFile.defaultPolicy
        }
        if !checks.isEmpty { policy = policy.restricted(to: Set(checks)) }
        return Evaluator(policy: policy)
    }
}
