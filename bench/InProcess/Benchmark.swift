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
        let body: [UInt8]
        let work: ([UInt8]) -> Int
    }

    static func main() throws {
        let evaluator = Evaluator(policy: PolicyFile.defaultPolicy)
        func load(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }
        let good = try load("samples/reviews/deployment-good.json")
        let bad = try load("samples/reviews/deployment-bad.json")
        let update = try load("samples/reviews/pod-update.json")
        let bare = try load("samples/reviews/deployment-no-resources.json")
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
        ]
        // `harbormaster-bench profile N` runs case N in a loop and exits: for valgrind --tool=callgrind.
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "profile", let index = Int(arguments[2]), cases.indices.contains(index) {
            var sink = 0
            for _ in 0..<2000 { sink &+= cases[index].work(cases[index].body) }
            print("profiled \(cases[index].name): \(sink)")
            return
        }
        let reference = measure(cases[0])
        print("| case | median µs/review | p90 µs | ratio to reference |")
        print("|---|---:|---:|---:|")
        for benchmarkCase in cases {
            let (median, p90) = benchmarkCase.name.hasPrefix("reference") ? reference : measure(benchmarkCase)
            print("| \(benchmarkCase.name) | \(format(median)) | \(format(p90)) | \(format(median / reference.median, digits: 2)) |")
        }
    }

    /// Median and 90th percentile of per-review time over 41 samples of `iterations` reviews each.
    static func measure(_ benchmarkCase: Case) -> (median: Double, p90: Double) {
        var sink = 0
        for _ in 0..<2000 { sink &+= benchmarkCase.work(benchmarkCase.body) }
        let clock = ContinuousClock()
        // Size samples to about 10 ms each so that clock resolution does not matter.
        let probe = clock.measure { for _ in 0..<200 { sink &+= benchmarkCase.work(benchmarkCase.body) } }
        let perReview = max(probe.seconds / 200, 1e-7)
        let iterations = max(10, Int(0.01 / perReview))
        var samples: [Double] = []
        for _ in 0..<41 {
            let elapsed = clock.measure { for _ in 0..<iterations { sink &+= benchmarkCase.work(benchmarkCase.body) } }
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
