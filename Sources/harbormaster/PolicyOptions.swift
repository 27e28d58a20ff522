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
        evaluator(for: try Self.policy(config: config))
    }

    /// The policy in `config`, or the built-in one without it; warnings go to standard error. `fix` calls this
    /// directly: its `--check` also accepts mutator IDs, so it cannot share this option group.
    static func policy(config: String?) throws -> Policy {
        guard let config else { return PolicyFile.defaultPolicy }
        let loaded = try load(try bytes(of: config), file: config)
        for warning in loaded.warnings { FileHandle.standardError.write(Data("harbormaster: warning: \(warning)\n".utf8)) }
        return loaded.policy
    }

    /// The policy file's bytes (only with --config).
    func configBytes() throws -> [UInt8] {
        try Self.bytes(of: config)
    }

    /// The engine for the policy file's `bytes` (also used by `serve` when the file changes), with its warnings.
    func evaluator(fromFile bytes: [UInt8]) throws -> (Evaluator, warnings: [YAMLError]) {
        let loaded = try Self.load(bytes, file: config)
        return (evaluator(for: loaded.policy), loaded.warnings)
    }

    private static func bytes(of config: String?) throws -> [UInt8] {
        guard let config, let data = FileManager.default.contents(atPath: config) else {
            throw HarnessError("\(config ?? "policy"): cannot read the policy file")
        }
        return [UInt8](data)
    }

    private static func load(_ bytes: [UInt8], file: String?) throws -> PolicyFile.Loaded {
        do {
            return try PolicyFile.load(bytes, file: file)
        } catch {
            throw HarnessError("\(error)")
        }
    }

    private func evaluator(for policy: Policy) -> Evaluator {
        Evaluator(policy: checks.isEmpty ? policy : policy.restricted(to: Set(checks)))
    }
}
