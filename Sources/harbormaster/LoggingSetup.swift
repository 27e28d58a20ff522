import Foundation
import Logging

/// `serve` is the only command that bootstraps logging (once, at start); every other command prints results.
enum LoggingSetup {
    static func bootstrap(format: Harbormaster.Serve.LogFormat, level: Logger.Level) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json
                ? JSONLogHandler(label: label)
                : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "harbormaster")
    }
}
