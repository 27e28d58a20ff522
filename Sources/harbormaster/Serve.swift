import AdmissionCore
import ArgumentParser
import Foundation
import Harness
import Logging
import WebhookServer

extension Harbormaster {
    struct Serve: ParsableCommand {
        enum LogFormat: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        static let configuration = CommandConfiguration(
            abstract: "Run the admission webhook over HTTPS: POST /validate and /mutate, GET /healthz, /readyz, /metrics.",
            discussion: """
                SIGTERM or SIGINT drains: /readyz turns 503, listeners close, in-flight reviews finish, exit 0.
                The certificate and key files are re-read when they change (as a mounted Secret does), and so is the
                --config policy file (every 2 s): a valid new file replaces the policy, a broken one is logged and ignored.
                """
        )

        @OptionGroup var policy: PolicyOptions

        @Option(help: ArgumentHelp("Address to listen on, HOST:PORT or [IPv6]:PORT (repeatable). Default 0.0.0.0:8443; 127.0.0.1:8443 with --dev.", valueName: "HOST:PORT"))
        var listen: [String] = []

        @Option(name: .customLong("tls-cert"), help: ArgumentHelp("Serving certificate (PEM; a chain may follow the leaf).", valueName: "FILE"))
        var tlsCertificate: String?

        @Option(name: .customLong("tls-key"), help: ArgumentHelp("Private key of the serving certificate (PEM).", valueName: "FILE"))
        var tlsKey: String?

        @Option(name: .customLong("client-ca"), help: ArgumentHelp("Require client certificates signed by this CA (PEM).", valueName: "FILE"))
        var clientCA: String?

        @Flag(help: "Development mode: generate a throwaway CA and a certificate for localhost, and listen on 127.0.0.1 only.")
        var dev = false

        @Option(name: .customLong("dev-directory"), help: ArgumentHelp("Where --dev writes its CA and certificate (replaced on every start).", valueName: "DIR"))
        var devDirectory: String = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-dev").path

        @Option(name: .customLong("log-format"), help: "Log format: text or json (one JSON object per line).")
        var logFormat: LogFormat = .text

        @Option(name: .customLong("log-level"), help: "Log level: trace, debug, info, notice, warning, error or critical.")
        var logLevel: String = "info"

        @Option(name: .customLong("event-loops"), help: "Event-loop threads (default: one per core).")
        var eventLoops: Int = ServerConfiguration.defaultEventLoops

        @Option(name: .customLong("max-connections"), help: "Connections past this many are closed at once.")
        var maxConnections: Int = 4096

        @Option(name: .customLong("drain-timeout"), help: "Seconds to finish in-flight reviews after SIGTERM.")
        var drainTimeout: Double = 20

        @Option(name: .customLong("shutdown-delay"), help: "Seconds to keep serving (with /readyz at 503) after SIGTERM before draining, while endpoints update.")
        var shutdownDelay: Double = 0

        func validate() throws {
            if !dev, tlsCertificate == nil || tlsKey == nil {
                throw ValidationError("give --tls-cert and --tls-key, or --dev for a throwaway certificate")
            }
            if dev, tlsCertificate != nil || tlsKey != nil {
                throw ValidationError("--dev makes its own certificate; leave out --tls-cert and --tls-key")
            }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError("--log-level must be trace, debug, info, notice, warning, error or critical")
            }
            guard eventLoops >= 1, maxConnections >= 1 else { throw ValidationError("--event-loops and --max-connections must be at least 1") }
        }

        func run() throws {
            // Before any thread starts: SIGTERM/SIGINT go to the waiting main thread, SIGPIPE is ignored.
            WebhookServer.prepareSignals()
            let logger = LoggingSetup.bootstrap(format: logFormat, level: Logger.Level(rawValue: logLevel) ?? .info)
            let policyBytes = try policy.config.map { _ in try policy.configBytes() }
            let evaluator: Evaluator
            if let policyBytes {
                let (loaded, warnings) = try policy.evaluator(fromFile: policyBytes)
                for warning in warnings { logger.warning("policy file", metadata: ["warning": "\(warning)"]) }
                evaluator = loaded
            } else {
                evaluator = try policy.evaluator()
            }
            let evaluators = EvaluatorHolder(evaluator)

            let certificates: CertificateStore
            do {
                certificates = try makeCertificates(logger: logger)
            } catch {
                throw HarnessError("cannot load the TLS certificate: \(error)")
            }
            let addresses: [SocketAddress]
            do {
                addresses = try (listen.isEmpty ? [dev ? "127.0.0.1:8443" : "0.0.0.0:8443"] : listen).flatMap { address throws(SystemCallError) in
                    try SocketAddress.parse(address)
                }
            } catch {
                throw HarnessError("\(error)")
            }

            let readiness = Readiness()
            let metrics = ServerMetrics(version: Harbormaster.configuration.version)
            let endpoint = AdmissionEndpoint(evaluators: evaluators, readiness: readiness, metrics: metrics, logger: logger)
            let configuration = ServerConfiguration(
                listen: addresses, eventLoops: eventLoops, maxConnections: maxConnections, drainTimeout: drainTimeout
            )
            let server = WebhookServer(
                configuration: configuration, certificates: certificates, responder: endpoint, readiness: readiness,
                logger: logger, metrics: metrics
            )
            do {
                try server.start()
            } catch {
                logger.critical("cannot listen", metadata: ["error": "\(error)"])
                throw ExitCode(1)
            }

            // The policy file is re-read when it changes (a ConfigMap update); a broken one keeps the old policy.
            let options = policy
            let reloader = options.config.map { file in
                PolicyReloader(file: file, loadedBytes: policyBytes, holder: evaluators, logger: logger) { bytes in
                    let (evaluator, warnings) = try options.evaluator(fromFile: bytes)
                    for warning in warnings { logger.warning("policy file", metadata: ["warning": "\(warning)"]) }
                    return evaluator
                }
            }
            reloader?.start()

            let signal = WebhookServer.waitForTerminationSignal()
            logger.info("draining", metadata: ["signal": "\(signal)", "shutdownDelay": "\(shutdownDelay)"])
            readiness.markDraining()
            if shutdownDelay > 0 { Thread.sleep(forTimeInterval: shutdownDelay) }
            server.shutdown()
            reloader?.stop()
        }

        private func makeCertificates(logger: Logger) throws -> CertificateStore {
            guard dev else {
                return try CertificateStore(certificateFile: tlsCertificate ?? "", keyFile: tlsKey ?? "", clientCAFile: clientCA)
            }
            try FileManager.default.createDirectory(atPath: devDirectory, withIntermediateDirectories: true)
            let paths = try DevCertificates.generate(in: devDirectory)
            let port = listen.first.flatMap { $0.split(separator: ":").last.map(String.init) } ?? "8443"
            // Printed, not logged: the user needs this line to talk to the server.
            FileHandle.standardError.write(Data("""
                harbormaster: dev mode: throwaway CA at \(paths.caCertificate)
                harbormaster: try: curl --cacert \(paths.caCertificate) https://localhost:\(port)/healthz

                """.utf8))
            return try CertificateStore(certificateFile: paths.certificate, keyFile: paths.key, clientCAFile: clientCA)
        }
    }
}
