import AdmissionCore
import ArgumentParser
import Foundation
import Harness

extension Harbormaster {
    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print plain manifests (files, directories, -) with every enabled mutator applied, as YAML.",
            discussion: """
                Each object is changed as the mutating webhook would change it on CREATE; objects no mutator touches \
                come back unchanged. Comments are not kept. Exit code 0, or 2 for bad usage or unreadable input.
                """
        )

        // Not PolicyOptions: there `--check` names checks only, here it also names mutators.
        @Option(name: .long, help: ArgumentHelp("Policy file (YAML). Without it the built-in policy applies (examples/policy.yaml).", valueName: "FILE"))
        var config: String?

        @Option(name: .customLong("check"), help: ArgumentHelp("Run only the mutator that fixes this check, or the mutator with this ID, even if the policy leaves it off (repeatable).", valueName: "ID"))
        var checks: [String] = []

        @Option(help: "Namespace for objects that do not set metadata.namespace, as kubectl would place them.")
        var namespace = "default"

        @Argument(help: ArgumentHelp("Manifest files or directories (.yaml, .yml, .json, recursively); - for standard input.", valueName: "PATH"))
        var paths: [String]

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one PATH, or - for standard input") }
            if let id = FixRun.mutators(selectedBy: checks).unknown.first {
                throw ValidationError("unknown check or mutator '\(id)' (run `harbormaster checks` for the list)")
            }
        }

        func run() throws {
            for id in FixRun.mutators(selectedBy: checks).unfixable {
                FileHandle.standardError.write(Data("harbormaster: warning: no mutator fixes '\(id)'\n".utf8))
            }
            let evaluator = FixRun.evaluator(policy: try PolicyOptions.policy(config: config), checks: checks)
            let documents = try FixRun(evaluator: evaluator, defaultNamespace: namespace).run(InputFiles.read(paths))
            // Written as is: every document already ends with a newline.
            FileHandle.standardOutput.write(Data(FixRun.yaml(documents).utf8))
        }
    }
}
