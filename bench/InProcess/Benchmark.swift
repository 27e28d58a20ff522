import AdmissionCore
import Foundation
import PolicyConfig

/// In-process cost of one review: decode + judge + encode, as the webhook does it, without sockets or TLS.
/// Run from the repository root: `swift run -c release harbormaster-bench` (or bench/inprocess.sh).
/// Every figure is the median over many samples, with a Foundation reference measured in the same run, because
/// absolute times on shared machines move by tens of percent from one minute to the next.
@main
struct Benchmark {
    struct Case {
        let name: String
        let source: Body
        let work: ([UInt8]) -> Int
        init(name: String, body: [UInt8], work: @escaping ([UInt8]) -> Int) { self.init(name: name, source: Body(body), work: work) }
        init(name: String, source: Body, work: @escaping ([UInt8]) -> Int) { (self.name, self.source, self.work) = (name, source, work) }
        func body() throws -> [UInt8] { try source.bytes() }
    }

    /// A request body, generated on first use: `profile N` pays only for the body of case N, so that callgrind's
    /// totals for the cases 0-6 (startup included) stay what they were before the generated cases existed.
    final class Body {
        private var cached: [UInt8]?
        private let generate: () throws -> [UInt8]
        init(_ bytes: [UInt8]) { (cached, generate) = (bytes, { bytes }) }
        init(generate: @escaping () throws -> [UInt8]) { (cached, self.generate) = (nil, generate) }
        func bytes() throws -> [UInt8] {
            if let cached { return cached }
            let bytes = try generate()
            cached = bytes
            return bytes
        }
    }

    static func main() throws {
        let evaluator = Evaluator(policy: PolicyFile.defaultPolicy)
        func load(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
        let good = try load("samples/reviews/deployment-good.json")
        let bad = try load("samples/reviews/deployment-bad.json")
        let update = try load("samples/reviews/pod-update.json")
        let bare = try load("samples/reviews/deployment-no-resources.json")
        let smallPod = Body { try Generated.smallPod(update: update, good: good) }
        let large = Body { try Generated.deployment(good: good, containers: 8, extraEnv: 950) }
        let containers = [1, 10, 100].map { count in Body { try Generated.deployment(good: good, containers: count, extraEnv: 0) } }
        let validate: ([UInt8]) -> Int = { (try? evaluator.respond(toReview: $0, mutating: false).body.count) ?? -1 }
        let mutate: ([UInt8]) -> Int = { (try? evaluator.respond(toReview: $0, mutating: true).body.count) ?? -1 }
        // What a webhook built on Foundation pays for JSON alone: parse the review, serialize a reply-sized object.
        let foundation: ([UInt8]) -> Int = { body in
            guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
                let request = object["request"] as? [String: Any],
                let reply = try? JSONSerialization.data(withJSONObject: ["apiVersion": object["apiVersion"] ?? "", "kind": "AdmissionReview",
                    "response": ["uid": request["uid"] ?? "", "allowed": true]])
            else { return -1 }
            return reply.count
        }
        let cases = [
            Case(name: "reference: Foundation JSONSerialization parse + reply, 4.7 KB Deployment", body: good, work: foundation),
            Case(name: "validate, 4.7 KB Deployment (allowed)", body: good, work: validate),
            Case(name: "mutate, 4.7 KB Deployment (no patch)", body: good, work: mutate),
            Case(name: "validate, 2.5 KB Deployment (denied, many findings)", body: bad, work: validate),
            Case(name: "mutate, 4.6 KB Deployment (patch: requests, limits)", body: bare, work: mutate),
            Case(name: "mutate, 2.5 KB Deployment (patch: labels, resources, probes; 10 operations)", body: bad, work: mutate),
            Case(name: "validate, 3.1 KB Pod UPDATE", body: update, work: validate),
            // Appended for the scaling tables (keep indices 0-6 stable: `profile N` refers to them).
            Case(name: "validate, small Pod review (pod-update.json as an allowed CREATE)", source: smallPod, work: validate),
            Case(name: "validate, ~1 MB Deployment (8 containers, 950 more env entries each)", source: large, work: validate),
            Case(name: "validate, Deployment with 1 container", source: containers[0], work: validate),
            Case(name: "validate, Deployment with 10 containers", source: containers[1], work: validate),
            Case(name: "validate, Deployment with 100 containers", source: containers[2], work: validate),
            Case(name: "mutate, ~1 MB Deployment (8 containers, 950 more env entries each)", source: large, work: mutate),
        ]
        // `harbormaster-bench profile N [COUNT]` runs case N COUNT times (2,000) and exits: for valgrind --tool=callgrind.
        let arguments = CommandLine.arguments
        if arguments.count == 3 || arguments.count == 4, arguments[1] == "profile", let index = Int(arguments[2]),
            cases.indices.contains(index)
        {
            let count = arguments.count == 4 ? Int(arguments[3]) ?? 2000 : 2000
            let body = try cases[index].body()
            var sink = 0
            for _ in 0..<count { sink &+= cases[index].work(body) }
            print("profiled \(cases[index].name): \(sink)")
            return
        }
        // `harbormaster-bench list` prints the case indices, for `profile N`.
        if arguments.count == 2, arguments[1] == "list" {
            for (index, benchmarkCase) in cases.enumerated() { print("\(index)\t\(try benchmarkCase.body().count)\t\(benchmarkCase.name)") }
            return
        }
        // The generated bodies must be reviews the engine reads and allows, or their figures mean nothing.
        for benchmarkCase in cases[7...] {
            guard let reply = try? evaluator.respond(toReview: try benchmarkCase.body(), mutating: false).body,
                String(decoding: reply, as: UTF8.self).contains("\"allowed\":true")
            else { throw GenerationError(message: "not allowed: \(benchmarkCase.name)") }
        }
        let reference = try measure(cases[0])
        var medians: [Double] = []
        print("| case | bytes | median µs/review | p90 µs | ratio to reference |")
        print("|---|---:|---:|---:|---:|")
        for benchmarkCase in cases {
            let (median, p90) = benchmarkCase.name.hasPrefix("reference") ? reference : try measure(benchmarkCase)
            medians.append(median)
            print("| \(benchmarkCase.name) | \(try benchmarkCase.body().count) | \(format(median)) | \(format(p90)) | \(format(median / reference.median, digits: 2)) |")
        }

        // Cost against size: it should grow linearly, i.e. the same µs per KB from 1 KB to 1 MB.
        print("")
        print("| validate | bytes | median µs | µs per KB |")
        print("|---|---:|---:|---:|")
        for (label, index) in [("small Pod", 7), ("4.8 KB Deployment", 1), ("~1 MB Deployment", 8)] {
            let bytes = try cases[index].body().count
            let kilobytes = Double(bytes) / 1024
            print("| \(label) | \(bytes) | \(format(medians[index])) | \(format(medians[index] / kilobytes, digits: 2)) |")
        }
        // Cost against containers: the marginal cost of a container should not grow with their number.
        print("")
        print("| validate, Deployment with | bytes | median µs | µs per container | µs per added container |")
        print("|---|---:|---:|---:|---:|")
        var previous: (containers: Int, median: Double)?
        for (containers, index) in [(1, 9), (10, 10), (100, 11)] {
            let marginal = previous.map { format((medians[index] - $0.median) / Double(containers - $0.containers)) } ?? "—"
            print("| \(containers) container\(containers == 1 ? "" : "s") | \(try cases[index].body().count) | \(format(medians[index])) | \(format(medians[index] / Double(containers))) | \(marginal) |")
            previous = (containers, medians[index])
        }
    }

    /// Median and 90th percentile of per-review time over 41 samples of `iterations` reviews each.
    static func measure(_ benchmarkCase: Case) throws -> (median: Double, p90: Double) {
        let body = try benchmarkCase.body()
        var sink = 0
        let clock = ContinuousClock()
        // Warm up with 2,000 reviews, or 0.3 s for large bodies.
        let warmUpEnd = clock.now.advanced(by: .milliseconds(300))
        for _ in 0..<2000 where clock.now < warmUpEnd { sink &+= benchmarkCase.work(body) }
        // Size samples to about 10 ms each (at least 3 reviews) so that clock resolution does not matter.
        let probeCount = body.count > 100_000 ? 5 : 200
        let probe = clock.measure { for _ in 0..<probeCount { sink &+= benchmarkCase.work(body) } }
        let perReview = max(probe.seconds / Double(probeCount), 1e-7)
        let iterations = max(perReview > 0.001 ? 3 : 10, Int(0.01 / perReview))
        var samples: [Double] = []
        for _ in 0..<41 {
            let elapsed = clock.measure { for _ in 0..<iterations { sink &+= benchmarkCase.work(body) } }
            samples.append(elapsed.seconds / Double(iterations) * 1e6)
        }
        if sink == 42 { print("") }  // keeps the work observable so the optimizer cannot drop it
        samples.sort()
        return (samples[samples.count / 2], samples[samples.count * 9 / 10])
    }

    static func format(_ value: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

struct GenerationError: Error { let message: String }

/// Bodies generated from the samples, the same as bench/tools/payloads.py writes for bench/run.sh: compact JSON,
/// as the API server sends it.
enum Generated {
    /// pod-update.json as a CREATE without oldObject, with deployment-good.json's security contexts: allowed.
    static func smallPod(update: [UInt8], good: [UInt8]) throws -> [UInt8] {
        let (podSpec, container) = try template(good)
        var review = try object(update)
        guard var request = review["request"] as? [String: Any], var pod = request["object"] as? [String: Any],
            var spec = pod["spec"] as? [String: Any], var containers = spec["containers"] as? [[String: Any]], !containers.isEmpty
        else { throw GenerationError(message: "pod-update.json has no container") }
        spec["securityContext"] = podSpec["securityContext"]
        containers[0]["securityContext"] = container["securityContext"]
        spec["containers"] = containers
        pod["spec"] = spec
        request["object"] = pod
        request["operation"] = "CREATE"
        request["oldObject"] = NSNull()
        request["options"] = ["apiVersion": "meta.k8s.io/v1", "kind": "CreateOptions"]
        review["request"] = request
        return try compact(review)
    }

    /// deployment-good.json with `containers` copies of its container (app-0, app-1, ...; ports 8080, 8081, ...),
    /// each with `extraEnv` more env entries of about 110 bytes (8 containers and 950: about 1 MB).
    static func deployment(good: [UInt8], containers count: Int, extraEnv: Int) throws -> [UInt8] {
        var (podSpec, container) = try template(good)
        var containers: [[String: Any]] = []
        for i in 0..<count {
            var copy = container
            copy["name"] = "app-\(i)"
            if var ports = copy["ports"] as? [[String: Any]], !ports.isEmpty {
                ports[0]["containerPort"] = 8080 + i
                copy["ports"] = ports
            }
            var env = copy["env"] as? [[String: Any]] ?? []
            for j in 0..<extraEnv {
                let number = String(format: "%04d", j)
                env.append(["name": "SETTING_\(i)_\(number)", "value": "value-\(number)-" + String(repeating: "abcdefghij", count: 9)])
            }
            copy["env"] = env
            containers.append(copy)
        }
        podSpec["containers"] = containers
        var review = try object(good)
        guard var request = review["request"] as? [String: Any], var deployment = request["object"] as? [String: Any],
            var spec = deployment["spec"] as? [String: Any], var template = spec["template"] as? [String: Any]
        else { throw GenerationError(message: "deployment-good.json has no pod template") }
        template["spec"] = podSpec
        spec["template"] = template
        deployment["spec"] = spec
        request["object"] = deployment
        review["request"] = request
        return try compact(review)
    }

    /// The pod spec of deployment-good.json and its first container.
    private static func template(_ good: [UInt8]) throws -> (podSpec: [String: Any], container: [String: Any]) {
        let review = try object(good)
        guard let request = review["request"] as? [String: Any], let deployment = request["object"] as? [String: Any],
            let spec = deployment["spec"] as? [String: Any], let template = spec["template"] as? [String: Any],
            let podSpec = template["spec"] as? [String: Any], let container = (podSpec["containers"] as? [[String: Any]])?.first
        else { throw GenerationError(message: "deployment-good.json has no container") }
        return (podSpec, container)
    }

    private static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let value = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw GenerationError(message: "a sample is not a JSON object")
        }
        return value
    }

    private static func compact(_ value: [String: Any]) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes]))
    }
}
