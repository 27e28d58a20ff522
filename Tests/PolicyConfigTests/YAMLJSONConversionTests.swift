import AdmissionCore
import Foundation
import PolicyConfig
import Testing

@Suite struct YAMLJSONConversionTests {
    // MARK: Merge keys

    @Test func mergeKeyMergesAMapping() throws {
        let json = try yamlJSON("""
            defaults: &defaults
              adapter: postgres
              host: localhost
            development:
              database: dev
              <<: *defaults
            """)
        let development = try #require(json["development"]?.objectValue)
        #expect(development.keys == ["database", "adapter", "host"])
        #expect(development["adapter"] == "postgres")
    }

    @Test func explicitKeysWinRegardlessOfPosition() throws {
        let json = try yamlJSON("""
            base: &base {a: 1, b: 2, c: 3}
            before:
              a: 10
              <<: *base
            after:
              <<: *base
              b: 20
            """)
        #expect(json["before"]?["a"]?.intValue == 10)
        #expect(json["before"]?["b"]?.intValue == 2)
        #expect(json["after"]?["b"]?.intValue == 20)
        #expect(json["after"]?["a"]?.intValue == 1)
        // Merged members sit where `<<` is; explicit keys keep their own place.
        #expect(json["after"]?.objectValue?.keys == ["a", "c", "b"])
        #expect(json["after"]?.objectValue?.members.count == 3)
    }

    @Test func mergeSequenceEarlierMappingsWin() throws {
        let json = try yamlJSON("""
            one: &one {p: 1, q: 1}
            two: &two {q: 2, r: 2}
            both:
              <<: [*one, *two]
              s: 0
            """)
        let both = try #require(json["both"])
        #expect(both["p"]?.intValue == 1)
        #expect(both["q"]?.intValue == 1)
        #expect(both["r"]?.intValue == 2)
        #expect(both["s"]?.intValue == 0)
        #expect(both.objectValue?.keys == ["p", "q", "r", "s"])
    }

    @Test func mergeOfAnInlineMappingAndNestedMerges() throws {
        let json = try yamlJSON("""
            base: &base {a: 1}
            mid: &mid
              <<: *base
              b: 2
            top:
              <<: *mid
              <<: {c: 3}
            """)
        let top = try #require(json["top"]?.objectValue)
        #expect(Set(top.keys) == ["a", "b", "c"])
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let json = try yamlJSON("\"<<\": {a: 1}\n")
        #expect(json.objectValue?.keys == ["<<"])
    }

    @Test func taggedMergeKeyMerges() throws {
        let json = try yamlJSON("!!merge <<: {a: 1}\nb: 2\n")
        #expect(json.objectValue?.keys == ["a", "b"])
    }

    @Test(arguments: ["<<: 1\n", "<<: [1]\n", "<<: [{a: 1}, [2]]\n", "<<: ~\n"])
    func mergeOfANonMappingIsAnError(text: String) throws {
        let error = try #require(throws: YAMLError.self) { try yamlJSON(text, file: "merge.yaml") }
        #expect(error.message.contains("merge"))
        #expect(error.line == 1)
        #expect(error.file == "merge.yaml")
    }

    // MARK: Keys

    @Test func duplicateKeysKeepTheLastValue() throws {
        let json = try yamlJSON("a: 1\nb: 2\na: 3\n")
        let object = try #require(json.objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"]?.intValue == 3)
    }

    @Test func singleLetterKeysAreBooleansAsInYAML11() throws {
        // go-yaml v2 reads `y:` and `n:` as booleans, so kubectl sends "true" and "false" keys.
        let json = try yamlJSON("x: 1\ny: 2\nn: 3\n")
        #expect(json.objectValue?.keys == ["x", "true", "false"])
    }

    @Test func keysThatResolveToTheSameTextAreDuplicates() throws {
        let json = try yamlJSON("on: 1\n\"true\": 2\n")
        #expect(json.objectValue?.keys == ["true"])
        #expect(json["true"]?.intValue == 2)
    }

    @Test(arguments: ["? [a, b]\n: 1\n", "? {a: 1}\n: 2\n", "x: 1\n[1]: 2\n"])
    func complexKeysAreErrorsAtTheKey(text: String) throws {
        let error = try #require(throws: YAMLError.self) { try yamlJSON(text, file: "keys.yaml") }
        #expect(error.message.contains("cannot be a mapping key"))
        #expect(error.file == "keys.yaml")
        let expectedLine = text.hasPrefix("x") ? 2 : 1
        #expect(error.line == expectedLine)
        #expect(error.column == (text.hasPrefix("?") ? 3 : 1))
    }

    // MARK: Limits

    @Test func aliasBombIsStoppedQuickly() throws {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let refs = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
            text += "\(name): &\(name) [\(refs)]\n"
        }
        // Loading shares the anchored nodes, so it is cheap; only conversion expands them.
        let documents = try YAMLLoader.load(text, file: "bomb.yaml")
        let error = try #require(throws: YAMLError.self) { try documents[0].json(maxNodes: 100_000) }
        #expect(error.message == "document expands to more than 100000 nodes")
        #expect(error.file == "bomb.yaml")
        #expect(throws: YAMLError.self) { try documents[0].json() }
    }

    @Test func mergeBombIsCountedToo() throws {
        var text = "a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            let members = (0..<9).map { "m\($0): {<<: *\(previous)}" }.joined(separator: ", ")
            text += "\(name): &\(name) {\(members)}\n"
        }
        let documents = try YAMLLoader.load(text)
        #expect(throws: YAMLError.self) { try documents[0].json(maxNodes: 100_000) }
    }

    @Test func nodeBudgetCountsEveryNode() throws {
        let root = try #require(try YAMLLoader.load("[1, 2, 3]").first?.root)
        #expect(throws: Never.self) { try root.json(maxNodes: 4) }
        #expect(throws: YAMLError.self) { try root.json(maxNodes: 3) }
    }

    @Test func handBuiltDeepTreeHitsTheDepthCap() throws {
        let mark = YAMLMark(line: 1, column: 1)
        var node = YAMLNode.scalar("1", style: .plain, tag: nil, mark: mark)
        for _ in 0..<1001 {
            node = .sequence([node], tag: nil, mark: mark)
        }
        let error = try #require(throws: YAMLError.self) { try node.json(file: "built") }
        #expect(error.message.contains("deeper than 1000"))
        #expect(error.file == "built")
    }

    // MARK: A real manifest

    @Test func deploymentManifestConvertsLikeKubectl() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()
            .appendingPathComponent("Fixtures/yaml/deployment.yaml")
            .path
        let data = try #require(FileManager.default.contents(atPath: path))
        let documents = try YAMLLoader.load([UInt8](data), file: "deployment.yaml")
        #expect(documents.count == 3)
        #expect(documents[2].root == nil)

        let deployment = try documents[0].json()
        #expect(deployment["kind"] == "Deployment")
        #expect(yamlExactlyEqual(deployment["spec"]?["replicas"] ?? .null, yamlNumber("3")))

        let podSpec = try #require(deployment["spec"]?["template"]?["spec"])
        let container = try #require(podSpec["containers"]?[0])
        let port = try #require(container["ports"]?[0])
        #expect(yamlExactlyEqual(port["containerPort"] ?? .null, yamlNumber("8080")))
        #expect(port["name"] == "http")
        #expect(port["protocol"] == "TCP")
        #expect(container["ports"]?[1]?["name"] == "metrics")
        #expect(container["args"] == ["--port=8080", "--verbose"])
        #expect(container["env"]?[0]?["value"] == "8080")
        #expect(container["env"]?[1]?["value"] == "checkout=on\nsearch=off\n")
        #expect(container["env"]?[2]?["value"] == .null)
        #expect(container["resources"]?["limits"]?["cpu"] == "1")
        #expect(container["resources"]?["requests"]?["cpu"] == "250m")
        #expect(container["readinessProbe"]?["httpGet"]?["port"] == "http")
        #expect(container["securityContext"]?["capabilities"]?["drop"] == ["ALL"])
        #expect(container["securityContext"]?["allowPrivilegeEscalation"] == false)
        #expect(podSpec["securityContext"]?["runAsNonRoot"] == true)
        #expect(podSpec["securityContext"]?["runAsUser"]?.intValue == 10001)
        #expect(podSpec["volumes"]?[0]?["configMap"]?["defaultMode"]?.intValue == 420)

        let annotations = try #require(deployment["metadata"]?["annotations"])
        #expect(annotations["sidecar.istio.io/inject"] == "false")
        #expect(annotations["prometheus.io/port"] == "9090")
        #expect(annotations["description"] == "Serves the storefront; scaled by the HPA.\n")
        #expect(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxSurge"] == "25%")
        #expect(deployment["spec"]?["strategy"]?["rollingUpdate"]?["maxUnavailable"]?.intValue == 0)

        let labels: JSON = ["app.kubernetes.io/name": "web", "app.kubernetes.io/part-of": "shop"]
        #expect(deployment["metadata"]?["labels"] == labels)
        #expect(deployment["spec"]?["selector"]?["matchLabels"] == labels)
        #expect(deployment["spec"]?["template"]?["metadata"]?["labels"] == labels)

        let service = try documents[1].json()
        #expect(service["kind"] == "Service")
        #expect(service["spec"]?["ports"]?[0]?["port"]?.intValue == 80)
        #expect(service["spec"]?["ports"]?[0]?["targetPort"]?.intValue == 8080)
    }

    @Test func deploymentWrittenInline() throws {
        let json = try yamlJSON("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              replicas: 2
              template:
                spec:
                  containers:
                  - name: api
                    image: api:2.0
                    ports:
                    - {name: "grpc", containerPort: 50051}
            """)
        let port = try #require(json["spec"]?["template"]?["spec"]?["containers"]?[0]?["ports"]?[0])
        #expect(yamlExactlyEqual(port["containerPort"] ?? .null, yamlNumber("50051")))
        #expect(port["name"] == "grpc")
        #expect(json["spec"]?["replicas"]?.intValue == 2)
        #expect(json["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"] == "api:2.0")
    }
}
