import AdmissionCore
import Foundation
import Logging
import PolicyConfig
import Testing

@testable import WebhookServer

/// `serve --config`: the policy file is watched; a valid change swaps the evaluator, an invalid one is ignored.
@Suite struct PolicyReloadTests {
    static let badDeployment = TestServer.repositoryRoot.appendingPathComponent("samples/reviews/deployment-bad.json").path

    final class Fixture: @unchecked Sendable {
        let directory: String
        let file: String
        let holder: EvaluatorHolder
        let reloader: PolicyReloader
        let endpoint: AdmissionEndpoint

        init(_ text: String, interval: Double = 2, link: Bool = false) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-policy-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            file = directory + "/policy.yaml"
            if link {
                // A ConfigMap mount: policy.yaml -> ..data/policy.yaml, ..data -> a timestamped directory.
                try Self.writeGeneration(text, in: directory, name: "gen-1")
                try FileManager.default.createSymbolicLink(atPath: directory + "/..data", withDestinationPath: "gen-1")
                try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: "..data/policy.yaml")
            } else {
                try text.write(toFile: file, atomically: true, encoding: .utf8)
            }
            let bytes = Array(text.utf8)
            let path = file
            let load: PolicyReloader.Loader = { bytes in Evaluator(policy: try PolicyFile.parse(bytes, file: path)) }
            holder = EvaluatorHolder(try load(bytes))
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            reloader = PolicyReloader(file: file, loadedBytes: bytes, holder: holder, interval: interval, logger: logger, load: load)
            endpoint = AdmissionEndpoint(evaluators: holder, readiness: Readiness(), metrics: ServerMetrics(version: "test"), logger: logger)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        static func writeGeneration(_ text: String, in directory: String, name: String) throws {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
            try text.write(toFile: directory + "/\(name)/policy.yaml", atomically: true, encoding: .utf8)
        }

        func write(_ text: String) throws { try text.write(toFile: file, atomically: true, encoding: .utf8) }

        /// Validates the bad Deployment: true when allowed. Every answer must be a 200 review.
        func allowsBadDeployment() throws -> Bool {
            let body = Array(try Data(contentsOf: URL(fileURLWithPath: PolicyReloadTests.badDeployment)))
            let response = endpoint.respond(to: HTTPRequest(
                method: "POST", target: "/validate", headers: ["Content-Type": "application/json"], body: body))
            #expect(response.status == 200)
            let review = try JSON(parsing: String(decoding: response.body, as: UTF8.self))
            return review["response"]?["allowed"]?.boolValue == true
        }
    }

    @Test func validChangeIsApplied() throws {
        let fixture = try Fixture("mode: enforce\n")
        #expect(fixture.reloader.checkNow() == .unchanged)
        #expect(try !fixture.allowsBadDeployment())
        try fixture.write("mode: audit\n")
        #expect(fixture.reloader.checkNow() == .reloaded)
        #expect(fixture.holder.current.policy.mode == .audit)
        #expect(try fixture.allowsBadDeployment())
        #expect(fixture.reloader.checkNow() == .unchanged)
    }

    @Test func invalidChangeKeepsThePreviousPolicyAndNamesLineAndColumn() throws {
        let fixture = try Fixture("mode: audit\n")
        try fixture.write("checks:\n  hostNetworkSet: fatal\n")
        let outcome = fixture.reloader.checkNow()
        #expect(outcome == .failed("\(fixture.file):2:19: severity for 'hostNetworkSet' must be ignore, warning or danger; got 'fatal'"))
        #expect(fixture.holder.current.policy.mode == .audit)
        #expect(try fixture.allowsBadDeployment())
        #expect(fixture.reloader.checkNow() == .unchanged, "a broken file is reported once, not every 2 s")
        try fixture.write("mode: enforce\n")
        #expect(fixture.reloader.checkNow() == .reloaded, "fixing the file applies it")
        #expect(try !fixture.allowsBadDeployment())
    }

    @Test func unreadableFileKeepsThePreviousPolicy() throws {
        let fixture = try Fixture("mode: audit\n")
        try FileManager.default.removeItem(atPath: fixture.file)
        #expect(fixture.reloader.checkNow() == .failed("\(fixture.file): cannot read the policy file"))
        #expect(fixture.reloader.checkNow() == .unchanged)
        #expect(try fixture.allowsBadDeployment())
    }

    @Test func configMapSymlinkSwapIsSeen() throws {
        let fixture = try Fixture("mode: enforce\n", link: true)
        try Fixture.writeGeneration("mode: audit\n", in: fixture.directory, name: "gen-2")
        // kubelet's atomic writer: a new link, renamed over ..data.
        try FileManager.default.createSymbolicLink(atPath: fixture.directory + "/..data_tmp", withDestinationPath: "gen-2")
        #expect(rename(fixture.directory + "/..data_tmp", fixture.directory + "/..data") == 0)
        #expect(fixture.reloader.checkNow() == .reloaded)
        #expect(try fixture.allowsBadDeployment())
    }

    @Test func watcherThreadAppliesChanges() async throws {
        let fixture = try Fixture("mode: enforce\n", interval: 0.05)
        fixture.reloader.start()
        defer { fixture.reloader.stop() }
        try fixture.write("mode: warn\n")
        var waited = 0
        while fixture.holder.current.policy.mode != .warn, waited < 200 {
            try await Task.sleep(nanoseconds: 25_000_000)
            waited += 1
        }
        #expect(fixture.holder.current.policy.mode == .warn)
    }

    /// Reviews keep being answered while the policy flips back and forth; each is judged by one whole policy.
    @Test func inFlightReviewsAreNeverDropped() throws {
        let fixture = try Fixture("mode: enforce\n")
        let body = Array(try Data(contentsOf: URL(fileURLWithPath: Self.badDeployment)))
        let answers = Locked<[Int: Int]>([:])
        let done = Locked(false)
        let flipper = Thread {
            var audit = true
            while !done.current {
                try? fixture.write(audit ? "mode: audit\n" : "mode: enforce\n")
                fixture.reloader.checkNow()
                audit.toggle()
            }
        }
        flipper.start()
        DispatchQueue.concurrentPerform(iterations: 400) { _ in
            let response = fixture.endpoint.respond(to: HTTPRequest(
                method: "POST", target: "/validate", headers: ["Content-Type": "application/json"], body: body))
            let allowed = (try? JSON(parsing: String(decoding: response.body, as: UTF8.self)))?["response"]?["allowed"]?.boolValue
            answers.withValue { $0[response.status * 10 + (allowed == nil ? 9 : allowed == true ? 1 : 0), default: 0] += 1 }
        }
        done.withValue { $0 = true }
        while !flipper.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        let counts = answers.current
        #expect(Set(counts.keys).isSubset(of: [2000, 2001]), "every review answered 200 with a verdict: \(counts)")
        #expect(counts.values.reduce(0, +) == 400)
    }
}
