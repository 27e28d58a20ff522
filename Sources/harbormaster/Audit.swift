import AdmissionCore
import ArgumentParser
import Harness

extension Harbormaster {
    struct Audit: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        static let configuration = CommandConfiguration(
            abstract: "Judge plain manifests (files, directories, -) as if each object were being created.",
            discussion: "Exit code 0 when nothing would be denied, 1 when something would, 2 for unreadable input."
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Namespace for objects that do not set metadata.namespace, as kubectl would place them.")
        var namespace = "default"

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Argument(help: ArgumentHelp("Manifest files or directories (.yaml, .yml, .json, recursively); - for standard input.", valueName: "PATH"))
        var paths: [String]

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one PATH, or - for standard input") }
        }

        func run() throws {
            let run = AuditRun(evaluator: try policy.evaluator(), defaultNamespace: namespace)
            let report = try run.run(InputFiles.read(paths))
            switch format {
            case .text: emit(report.text)
            case .json: emit(JSONWriter(prettyPrinted: true).string(report.json))
            }
            if report.wouldDeny { throw ExitCode(1) }
        }
    }
}
