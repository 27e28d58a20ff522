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

    /// The engine with the configured policy; a broken policy file is a usage error (exit 2). Warnings (Polaris
    /// keys and checks Harbormaster does not implement) go to standard error.
    func evaluator() throws -> Evaluator {
        guard config != nil else { return evaluator(for: PolicyFile.defaultPolicy) }
        let (evaluator, warnings) = try evaluator(fromFile: try configBytes())
        for warning in warnings { FileHandle.standardError.write(Data("harbormaster: warning: \(warning)\n".utf8)) }
        return evaluator
    }

    /// The policy file's bytes (only with --config).
    func configBytes() throws -> [UInt8] {
        guard let config, let data = FileManager.default.contents(atPath: config) else {
            throw HarnessError("\(config ?? "policy"): cannot read the policy file")
        }
        return [UInt8](data)
    }

    /// The engine for the policy file's `bytes` (also used by `serve` when the file changes), with its warnings.
    func evaluator(fromFile bytes: [UInt8]) throws -> (Evaluator, warnings: [YAMLError]) {
        do {
            let loaded = try PolicyFile.load(bytes, file: config)
            return (evaluator(for: loaded.policy), loaded.warnings)
        } catch {
            throw HarnessError("\(error)")
        }
    }

    private func evaluator(for policy: Policy) -> Evaluator {
        Evaluator(policy: checks.isEmpty ? policy : policy.restricted(to: Set(checks)))
    }
}
