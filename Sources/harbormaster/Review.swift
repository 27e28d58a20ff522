import ArgumentParser
import Harness

extension Harbormaster {
    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Answer AdmissionReview documents exactly as the webhook would, one JSON line per review.",
            discussion: "Exit code 0 when every review is allowed, 1 when one is denied, 2 for unreadable input."
        )

        @OptionGroup var policy: PolicyOptions

        @Flag(help: "Answer as the mutating webhook (/mutate): allowed, with a JSONPatch when a mutator changes something.")
        var mutate = false

        @Argument(help: ArgumentHelp("AdmissionReview files (JSON or YAML, several YAML documents allowed); - for standard input.", valueName: "FILE"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("give at least one FILE, or - for standard input") }
        }

        func run() throws {
            let output = try ReviewRun(evaluator: policy.evaluator(), mutating: mutate).run(InputFiles.read(files))
            output.lines.forEach(emit)
            if output.denied { throw ExitCode(1) }
        }
    }
}
