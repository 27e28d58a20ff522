import ArgumentParser
import Foundation
import Harness

@main
struct Harbormaster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harbormaster",
        abstract: "Kubernetes admission webhook that enforces production best practices and fills in missing defaults.",
        version: "0.1.0",
        subcommands: [Serve.self, Review.self, Audit.self, Fix.self, Doctor.self, Checks.self]
    )

    /// Exit codes are the contract's: 0 clean, 1 something at deny level, 2 bad usage or unreadable input.
    /// ArgumentParser's own usage errors (64) are mapped to 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as HarnessError {
            FileHandle.standardError.write(Data("harbormaster: \(error)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Writes a line to standard output without buffering surprises when output is piped.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
