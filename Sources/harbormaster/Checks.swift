import AdmissionCore
import ArgumentParser
import Harness

extension Harbormaster {
    struct Checks: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, markdown
        }

        static let configuration = CommandConfiguration(
            abstract: "List every check and mutator: ID, category, default severity, description."
        )

        @Option(help: "Output format: text, json or markdown (the markdown is docs/checks.md).")
        var format: Format = .text

        func run() throws {
            switch format {
            case .text: emit(CheckCatalogue.text())
            case .json: emit(JSONWriter(prettyPrinted: true).string(CheckCatalogue.json()))
            case .markdown: emit(CheckCatalogue.markdown().trimmingSuffixNewline)
            }
        }
    }
}

extension String {
    var trimmingSuffixNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
