import AdmissionCore

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast, and the same sequence on every platform, so that a
/// failing workload is reproduced from its seed alone.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One generated workload: its JSON text and whether it was deliberately broken (a "junk" shape).
struct GeneratedWorkload {
    let index: Int
    let kind: String
    let text: String
    /// Junk shapes (a string where an object belongs, `containers: null`, ...) must not crash and must get a patch
    /// that applies; nobody expects the mutators to repair them.
    let junk: [String]
}

/// Random Kubernetes workloads of every kind `PodSpecLocator` knows, with the optional fields mutators care about
/// present, absent, null, partial or explicitly contrary, in random combinations.
struct WorkloadGenerator {
    /// Each workload gets its own generator, seeded from the run's seed and its index, so one can be regenerated
    /// alone: `WorkloadGenerator.workload(index: i, runSeed: s)`.
    static func workload(index: Int, runSeed: UInt64) -> GeneratedWorkload {
        let seed = runSeed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03)
        var generator = WorkloadGenerator(rng: SplitMix64(seed: seed))
        let (kind, object, junk) = generator.make()
        return GeneratedWorkload(index: index, kind: kind, text: object.jsonText, junk: junk)
    }

    var rng: SplitMix64

    // MARK: Random helpers

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < probability }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }

    /// An object from members, dropping nil values (absent fields).
    func object(_ members: [(String, JSON?)]) -> JSON {
        .object(JSONObject(members.compactMap { key, value in value.map { JSONObject.Member(key: key, value: $0) } }))
    }

    // MARK: Kinds

    static let kinds = [
        "Pod", "PodTemplate", "ReplicationController", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
        "CronJob",
    ]

    mutating func apiVersion(for kind: String) -> String {
        switch kind {
        case "Pod", "PodTemplate", "ReplicationController": return "v1"
        case "Deployment", "DaemonSet", "ReplicaSet": return chance(0.1) ? "extensions/v1beta1" : "apps/v1"
        case "StatefulSet": return chance(0.1) ? "apps/v1beta2" : "apps/v1"
        case "Job": return "batch/v1"
        default: return chance(0.15) ? "batch/v1beta1" : "batch/v1"
        }
    }

    mutating func make() -> (String, JSON, [String]) {
        let kind = pick(Self.kinds)
        let name = makeName()
        var spec: JSON
        let restartNever = kind == "Job" || kind == "CronJob"
        switch kind {
        case "Pod":
            spec = podSpec(allowEphemeral: true, restartNever: false)
        case "PodTemplate":
            spec = .null  // PodTemplate has `template` at the top level, no spec
        case "Job":
            let manual = chance(0.15)
            spec = object([
                ("backoffLimit", chance(0.5) ? 4 : nil),
                ("manualSelector", manual ? true : nil),
                ("selector", manual ? ["matchLabels": ["app": .string(name.label)]] : nil),
                ("template", template(name: name, restartNever: restartNever)),
            ])
        case "CronJob":
            let jobSpec = object([
                ("selector", chance(0.1) ? ["matchLabels": ["app": .string(name.label)]] : nil),
                ("template", template(name: name, restartNever: restartNever)),
            ])
            spec = object([
                ("schedule", "*/5 * * * *"),
                ("concurrencyPolicy", chance(0.3) ? "Forbid" : nil),
                ("jobTemplate", object([
                    ("metadata", chance(0.3) ? ["labels": ["tier": "batch"]] : nil), ("spec", jobSpec),
                ])),
            ])
        default:
            var members: [(String, JSON?)] = []
            if kind != "DaemonSet" { members.append(("replicas", replicas())) }
            members.append(("selector", selector(kind: kind, name: name)))
            if kind == "StatefulSet" { members.append(("serviceName", .string(name.label))) }
            if kind == "Deployment", chance(0.3) {
                members.append(
                    ("strategy", ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 0, "maxSurge": 1]])
                )
            }
            members.append(("template", template(name: name, restartNever: restartNever)))
            spec = object(members)
        }
        var top: [(String, JSON?)] = [
            ("apiVersion", .string(apiVersion(for: kind))),
            ("kind", .string(kind)),
            ("metadata", metadata(kind: kind, name: name)),
        ]
        if kind == "PodTemplate" {
            top.append(("template", template(name: name, restartNever: restartNever)))
        } else {
            top.append(("spec", spec))
        }
        if chance(0.1) { top.append(("status", ["observedGeneration": 3])) }
        var result = object(top)
        var junk: [String] = []
        if chance(0.1) {
            for _ in 0..<int(1...2) {
                if let description = breakSomething(&result, kind: kind) { junk.append(description) }
            }
        }
        return (kind, result, junk)
    }

    // MARK: Metadata

    struct Name {
        /// metadata.name, or nil for an object named by generateName only.
        let name: String?
        let generateName: String?
        /// What labels and selectors use.
        var label: String { String((name ?? generateName ?? "x").prefix(40)).trimmingSuffix("-.") }
    }

    mutating func makeName() -> Name {
        let roll = int(0...19)
        if roll == 0 { return Name(name: nil, generateName: pick(["web-", "batch-run.", "api-"])) }
        if roll <= 2 {
            // Longer than 63 characters: a valid object name, never a valid label value.
            let long = "payments-reconciliation-worker-for-the-european-region-primary-shard-0\(int(1...9))"
            return Name(name: long, generateName: nil)
        }
        let short = pick(["web", "api-server", "checkout", "pay.v2", "x", "queue-worker-7", "frontend"])
        return Name(name: short, generateName: nil)
    }

    mutating func metadata(kind: String, name: Name) -> JSON {
        var members: [(String, JSON?)] = [
            ("name", name.name.map(JSON.string)), ("generateName", name.generateName.map(JSON.string)),
        ]
        switch int(0...3) {
        case 0: members.append(("namespace", "shop"))
        case 1: members.append(("namespace", "team-a"))
        default: break
        }
        members.append(("labels", labels(name: name)))
        // A Pod's own annotations are its pod template's.
        let forPod = kind == "Pod" ? podAnnotations() : []
        switch int(0...5) {
        case 0 where forPod.isEmpty: members.append(("annotations", .null))
        case 1: members.append(("annotations", object(forPod)))
        case 2, 3:
            members.append(("annotations", object([
                ("example.com/owner", "team-a"),
                ("a~b/c~1d", "tilde and slash in a key"),
                ("kubectl.kubernetes.io/last-applied-configuration", .string("{\"kind\":\"\(kind)\"}")),
            ] + forPod)))
        default:
            if !forPod.isEmpty { members.append(("annotations", object(forPod))) }
        }
        if kind == "Pod" {
            switch int(0...5) {
            case 0:
                members.append(("ownerReferences", [[
                    "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-5d4f8", "uid": "b7c1", "controller": true,
                ]]))
            case 1:
                members.append(("ownerReferences", [[
                    "apiVersion": "batch/v1", "kind": "Job", "name": "nightly", "uid": "c8d2", "controller": true,
                ]]))
            case 2:
                // An owner that is no controller: the Pod is labelled like any other.
                members.append(
                    ("ownerReferences", [["apiVersion": "v1", "kind": "ConfigMap", "name": "cfg", "uid": "d9e3"]])
                )
            default: break
            }
        }
        return object(members)
    }

    /// Labels the author may have written, including explicit values a mutator must not override and keys that
    /// need JSON Pointer escaping (`/` and `~`).
    mutating func labels(name: Name) -> JSON? {
        switch int(0...5) {
        case 0: return nil
        case 1: return chance(0.5) ? .null : [:]
        default:
            var members: [(String, JSON?)] = []
            if chance(0.6) { members.append(("app", .string(name.label))) }
            if chance(0.25) {
                members.append(("app.kubernetes.io/name", pick([.string(name.label), "", "other-app", .null])))
            }
            if chance(0.2) {
                members.append(("app.kubernetes.io/instance", pick([.string(name.name ?? "x"), "other-instance", .null])))
            }
            if chance(0.3) { members.append(("example.com/tier", "backend")) }
            if chance(0.3) { members.append(("team", pick(["core", "payments", ""]))) }
            if chance(0.2) { members.append(("odd~key/with~1escapes", "v")) }
            return object(members)
        }
    }

    // MARK: Workload spec

    mutating func replicas() -> JSON? {
        switch int(0...6) {
        case 0, 1: return nil
        case 2: return 1
        case 3: return .null
        default: return 3
        }
    }

    mutating func selector(kind: String, name: Name) -> JSON? {
        if kind == "ReplicationController" {
            // A plain map on ReplicationControllers.
            return chance(0.6) ? ["app": .string(name.label)] : nil
        }
        switch int(0...9) {
        case 0, 1: return nil
        case 2: return [:]
        case 3: return ["matchLabels": [:], "matchExpressions": []]
        case 4: return .null
        case 5, 6:
            return ["matchExpressions": [["key": "app", "operator": "In", "values": [.string(name.label)]]]]
        default:
            return ["matchLabels": ["app": .string(name.label)]]
        }
    }

    mutating func template(name: Name, restartNever: Bool) -> JSON {
        var metadataMembers: [(String, JSON?)] = []
        if chance(0.8) { metadataMembers.append(("labels", labels(name: name))) }
        let annotations = podAnnotations()
        if !annotations.isEmpty { metadataMembers.append(("annotations", object(annotations))) }
        let metadata: JSON? = switch int(0...9) {
        case 0: nil
        case 1: .null
        default: object(metadataMembers)
        }
        return object([("metadata", metadata), ("spec", podSpec(allowEphemeral: false, restartNever: restartNever))])
    }

    /// Annotations on a pod (template) that speak for its containers: AppArmor, and the legacy seccomp ones.
    mutating func podAnnotations() -> [(String, JSON?)] {
        var members: [(String, JSON?)] = []
        if chance(0.15) { members.append(("container.apparmor.security.beta.kubernetes.io/c0", "runtime/default")) }
        let seccomp: [JSON] = ["runtime/default", "unconfined"]
        if chance(0.08) { members.append(("seccomp.security.alpha.kubernetes.io/pod", pick(seccomp))) }
        if chance(0.08) { members.append(("container.seccomp.security.alpha.kubernetes.io/c1", pick(seccomp))) }
        return members
    }

    mutating func podSpec(allowEphemeral: Bool, restartNever: Bool) -> JSON {
        var members: [(String, JSON?)] = []
        let containerCount = int(1...4)
        members.append(("containers", .array((0..<containerCount).map { container(name: "c\($0)", regular: true) })))
        let initCount = int(0...2)
        if initCount > 0 || chance(0.1) {
            members.append(("initContainers", .array((0..<initCount).map { container(name: "init\($0)", regular: false) })))
        }
        if allowEphemeral, chance(0.08) {
            members.append(
                ("ephemeralContainers", [["name": "debugger", "image": "busybox:1.36", "targetContainerName": "c0"]])
            )
        }
        if restartNever { members.append(("restartPolicy", "Never")) }
        switch int(0...19) {
        case 0: members.append(("os", ["name": "windows"]))
        case 1: members.append(("os", ["name": "linux"]))
        default: break
        }
        members.append(("securityContext", podSecurityContext()))
        members.append(("affinity", affinity()))
        members.append(("topologySpreadConstraints", topologySpread()))
        switch int(0...5) {
        case 0: members.append(("automountServiceAccountToken", true))
        case 1: members.append(("automountServiceAccountToken", false))
        case 2: members.append(("automountServiceAccountToken", .null))
        default: break
        }
        if chance(0.3) { members.append(("serviceAccountName", "worker")) }
        if chance(0.2) {
            // Numbers that must survive exactly: beyond 2^53, and a decimal with a trailing zero.
            members.append(("x-extension", ["big": .number(JSONNumber(text: "12345678901234567890")!),
                                            "decimal": .number(JSONNumber(text: "1.50")!)]))
        }
        if chance(0.3) { members.append(("terminationGracePeriodSeconds", 30)) }
        return object(members)
    }

    mutating func podSecurityContext() -> JSON? {
        switch int(0...11) {
        case 0: return .null
        case 1: return [:]
        case 2: return ["runAsNonRoot": true]
        case 3: return ["runAsNonRoot": false]
        case 4: return ["runAsUser": 1000, "fsGroup": 2000]
        case 5: return ["runAsUser": 0]
        case 6: return ["seccompProfile": ["type": "RuntimeDefault"]]
        case 7: return ["seccompProfile": ["type": "Unconfined"]]
        case 8: return ["seccompProfile": .null, "fsGroup": 2000]
        case 9: return ["seLinuxOptions": ["level": "s0:c123,c456"]]
        default: return nil
        }
    }

    mutating func affinity() -> JSON? {
        switch int(0...9) {
        case 0: return .null
        case 1:
            return ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
                ["matchExpressions": [["key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"]]]],
            ]]]]
        case 2:
            // Anti-affinity on a key that spreads nothing podAntiAffinityMissing counts.
            return ["podAntiAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": [
                ["labelSelector": ["matchLabels": ["app": "x"]], "topologyKey": "example.com/rack"],
            ]]]
        case 3:
            return ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                [
                    "weight": 50,
                    "podAffinityTerm": ["labelSelector": ["matchLabels": ["app": "x"]], "topologyKey": "example.com/rack"],
                ],
            ]]]
        case 4:
            return ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": [
                [
                    "weight": 100,
                    "podAffinityTerm": [
                        "labelSelector": ["matchLabels": ["app": "x"]], "topologyKey": "kubernetes.io/hostname",
                    ],
                ],
            ]]]
        case 5: return ["podAntiAffinity": .null]
        case 6: return ["podAntiAffinity": ["preferredDuringSchedulingIgnoredDuringExecution": []]]
        default: return nil
        }
    }

    mutating func topologySpread() -> JSON? {
        switch int(0...9) {
        case 0: return []
        case 1: return .null
        case 2:
            return [["maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
                     "labelSelector": ["matchLabels": ["app": "x"]]]]
        case 3:
            return [["maxSkew": 2, "topologyKey": "example.com/rack", "whenUnsatisfiable": "ScheduleAnyway",
                     "labelSelector": ["matchLabels": ["app": "x"]]]]
        default: return nil
        }
    }

    // MARK: Containers

    static let digest = String(repeating: "ab", count: 32)

    mutating func container(name: String, regular: Bool) -> JSON {
        var members: [(String, JSON?)] = [
            ("name", .string(name)),
            ("image", pick(["nginx:1.27.3", .string("registry.example.com/shop/api@sha256:" + Self.digest), "busybox"])),
        ]
        if chance(0.2) { members.append(("args", ["--port=8080", "--verbose"])) }
        members.append(("ports", ports()))
        members.append(("resources", resources()))
        if regular {
            for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
                switch int(0...9) {
                case 0, 1: members.append((probe, ["httpGet": ["path": "/healthz", "port": 8080], "periodSeconds": 10]))
                case 2: members.append((probe, ["tcpSocket": ["port": 8080]]))
                case 3: members.append((probe, .null))
                default: break
                }
            }
            if chance(0.1) {
                // Exactly what defaultProbes derives for liveness on `http`: the mutator must avoid probesIdentical.
                members.append(("readinessProbe", [
                    "tcpSocket": ["port": "http"], "periodSeconds": 20, "timeoutSeconds": 5, "failureThreshold": 6,
                ]))
            }
        }
        members.append(("securityContext", containerSecurityContext()))
        switch int(0...7) {
        case 0: members.append(("imagePullPolicy", "Always"))
        case 1: members.append(("imagePullPolicy", "IfNotPresent"))
        case 2: members.append(("imagePullPolicy", "Never"))
        case 3: members.append(("imagePullPolicy", .null))
        default: break
        }
        if chance(0.3) { members.append(("env", [["name": "MODE", "value": "production"], ["name": "EMPTY", "value": ""]])) }
        // A later duplicate would change the object's meaning; keep the first of each key.
        var seen = Set<String>()
        return object(members.filter { seen.insert($0.0).inserted })
    }

    mutating func ports() -> JSON? {
        let pool: [JSON] = [
            ["name": "http", "containerPort": 8080],
            ["name": "https", "containerPort": 8443, "protocol": "TCP"],
            ["name": "metrics", "containerPort": 9090],
            ["name": "other", "containerPort": 5000],
            ["name": "http-admin", "containerPort": 8081],
            ["containerPort": 53, "protocol": "UDP", "name": "dns"],
            ["containerPort": 514, "protocol": "UDP"],
            ["containerPort": 80],
            ["containerPort": 7000, "protocol": .null],
            ["containerPort": 3868, "protocol": "SCTP"],
        ]
        switch int(0...9) {
        case 0, 1: return nil
        case 2: return []
        case 3: return .null
        default:
            var chosen: [JSON] = []
            for _ in 0..<int(1...3) {
                let port = pick(pool)
                if !chosen.contains(port) { chosen.append(port) }
            }
            return .array(chosen)
        }
    }

    mutating func resources() -> JSON? {
        switch int(0...13) {
        case 0, 1: return nil
        case 2: return .null
        case 3: return [:]
        case 4: return ["requests": ["cpu": "250m", "memory": "64Mi"]]
        case 5: return ["requests": ["memory": "1Gi"]]
        case 6: return ["limits": ["cpu": "1", "memory": "1Gi"]]
        case 7: return ["requests": ["cpu": "200m", "memory": "300Mi"], "limits": ["cpu": "500m", "memory": "600Mi"]]
        case 8: return ["limits": ["cpu": "50m", "memory": "64Mi"]]  // below the default requests
        case 9: return ["requests": .null, "limits": ["memory": "200Mi"]]
        case 10: return ["requests": ["cpu": 2, "memory": 134_217_728]]  // bare numbers are quantities too
        case 11: return ["requests": ["cpu": "1.5", "memory": "0.5Gi"], "limits": .null]
        case 12: return ["claims": [["name": "gpu"]]]
        default: return ["requests": ["cpu": "2"], "limits": ["cpu": "100m"]]
        }
    }

    mutating func containerSecurityContext() -> JSON? {
        switch int(0...9) {
        case 0, 1, 2: return nil
        case 3: return .null
        case 4: return [:]
        default:
            var members: [(String, JSON?)] = []
            if chance(0.15) { members.append(("privileged", pick([true, false]))) }
            if chance(0.2) { members.append(("runAsNonRoot", pick([true, false, .null]))) }
            if chance(0.2) { members.append(("runAsUser", pick([0, 1000]))) }
            if chance(0.15) { members.append(("allowPrivilegeEscalation", pick([true, false, .null]))) }
            if chance(0.15) { members.append(("readOnlyRootFilesystem", pick([true, false, .null]))) }
            if chance(0.15) {
                members.append(("seccompProfile", pick([["type": "RuntimeDefault"], ["type": "Unconfined"], .null, [:]])))
            }
            if chance(0.3) {
                var capabilities: [(String, JSON?)] = []
                if chance(0.5) {
                    let added: [JSON] = [["SYS_ADMIN"], ["NET_ADMIN"], ["CAP_SYS_ADMIN"], ["all"], ["NET_BIND_SERVICE"]]
                    capabilities.append(("add", pick(added)))
                }
                if chance(0.6) { capabilities.append(("drop", pick([["ALL"], ["NET_RAW"], [], .null, ["all"]]))) }
                members.append(("capabilities", chance(0.1) ? .null : object(capabilities)))
            }
            return object(members)
        }
    }

    // MARK: Junk

    /// Replaces one part of `value` with something of the wrong shape; returns what was done, or nil when the
    /// chosen place does not exist in this workload.
    mutating func breakSomething(_ value: inout JSON, kind: String) -> String? {
        let podPath: [String] = switch kind {
        case "Pod": ["spec"]
        case "PodTemplate": ["template", "spec"]
        case "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"]
        default: ["spec", "template", "spec"]
        }
        let container = podPath + ["containers", "0"]
        let choices: [([String], JSON)] = [
            (["spec"], "not an object"),
            (["spec"], [1, 2, 3]),
            (["metadata"], .null),
            (["metadata"], ["just", "a", "list"]),
            (["metadata", "labels"], "app=web"),
            (["metadata", "annotations"], []),
            (Array(podPath.dropLast()), .null),
            (podPath, []),
            (podPath + ["containers"], .null),
            (podPath + ["containers"], ["name": "not-a-list"]),
            (podPath + ["containers"], ["just a string", 42, .null]),
            (podPath + ["initContainers"], "none"),
            (podPath + ["securityContext"], 5),
            (podPath + ["affinity"], "spread please"),
            (podPath + ["affinity", "podAntiAffinity"], ["preferredDuringSchedulingIgnoredDuringExecution": ["weight": 1]]),
            (podPath + ["topologySpreadConstraints"], ["maxSkew": 1]),
            (podPath + ["automountServiceAccountToken"], "no"),
            (container + ["securityContext"], "restricted"),
            (container + ["securityContext", "capabilities"], "none"),
            (container + ["resources"], []),
            (container + ["resources", "requests"], "small"),
            (container + ["resources", "limits"], [1]),
            (container + ["ports"], "8080"),
            (container + ["ports"], ["http", ["containerPort": "8080"], ["containerPort": -1]]),
            (container + ["readinessProbe"], "please"),
            (container + ["imagePullPolicy"], 7),
            (["spec", "selector"], "app=web"),
            (["spec", "replicas"], "3"),
            (["spec", "replicas"], .number(JSONNumber(text: "1.5")!)),
        ]
        let (path, replacement) = pick(choices)
        guard Self.set(&value, path[...], replacement) else { return nil }
        return "/" + path.joined(separator: "/") + " = " + replacement.jsonText
    }

    /// Sets the value at `path` when its parent exists as an object or array.
    static func set(_ value: inout JSON, _ path: ArraySlice<String>, _ replacement: JSON) -> Bool {
        guard let first = path.first else { return false }
        let rest = path.dropFirst()
        switch value {
        case .object(var object):
            if rest.isEmpty {
                object[first] = replacement
            } else {
                guard var child = object[first], set(&child, rest, replacement) else { return false }
                object[first] = child
            }
            value = .object(object)
            return true
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return false }
            if rest.isEmpty {
                elements[index] = replacement
            } else {
                guard set(&elements[index], rest, replacement) else { return false }
            }
            value = .array(elements)
            return true
        default:
            return false
        }
    }
}

extension String {
    /// This string without trailing characters from `characters`.
    fileprivate func trimmingSuffix(_ characters: String) -> String {
        var copy = self
        while let last = copy.last, characters.contains(last) { copy.removeLast() }
        return copy
    }
}
