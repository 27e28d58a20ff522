import AdmissionCore
import ArgumentParser
import Foundation
import Harness

extension Harbormaster {
    struct Doctor: ParsableCommand {
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        static let configuration = CommandConfiguration(
            abstract: "Find what in rendered webhook manifests could lock out or break the cluster.",
            discussion: """
                Reads the webhook configurations with the Services, workloads, PodDisruptionBudgets and HPAs behind \
                them (files, directories, -), and optionally the serving certificate. Exit code 0 when nothing is at \
                danger, 1 when something is, 2 for bad usage or unreadable input.
                """
        )

        @Option(help: ArgumentHelp("The PEM serving certificate (leaf first, then intermediates) every webhook in the input is served with.", valueName: "FILE"))
        var certificate: String?

        @Option(name: .customLong("ca-bundle"), help: ArgumentHelp("A PEM CA bundle to use instead of every webhook's clientConfig.caBundle (e.g. one cert-manager will inject).", valueName: "FILE"))
        var caBundle: String?

        @Option(help: "The release namespace, for objects (and clientConfig.service) that do not name one.")
        var namespace = "default"

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: ArgumentHelp("Judge certificate dates as of this UTC day instead of today.", valueName: "YYYY-MM-DD"))
        var now: String?

        @Argument(help: ArgumentHelp("Manifest files or directories (.yaml, .yml, .json, recursively); - for standard input.", valueName: "PATH"))
        var paths: [String]

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("give at least one PATH, or - for standard input") }
            if let now, CalendarDate(now) == nil { throw ValidationError("--now must be a date written YYYY-MM-DD; got '\(now)'") }
        }

        func run() throws {
            var run = DoctorRun(inspector: OpenSSLCertificateInspector(), now: try clock())
            run.defaultNamespace = namespace
            run.certificate = try certificate.map(Self.pemFile)
            run.caBundle = try caBundle.map(Self.pemFile)
            let report = try run.run(InputFiles.read(paths))
            switch format {
            case .text: emit(report.text)
            case .json: emit(JSONWriter(prettyPrinted: true).string(report.json))
            }
            if report.hasDanger { throw ExitCode(1) }
        }

        /// Midnight UTC of `--now`, or the current time: the one place the doctor reads a clock.
        private func clock() throws -> Double {
            guard let now, let day = CalendarDate(now) else { return Date().timeIntervalSince1970 }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else {
                throw ValidationError("--now: '\(now)' is not a day")
            }
            return date.timeIntervalSince1970
        }

        private static func pemFile(_ path: String) throws -> DoctorRun.PEMFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HarnessError("\(path): cannot read the file")
            }
            return DoctorRun.PEMFile(source: path, pem: [UInt8](data))
        }
    }
}
