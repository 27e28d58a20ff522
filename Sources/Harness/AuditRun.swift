import AdmissionCore
import Foundation

/// One judged object of an audit.
public struct AuditedObject: Sendable {
    public let file: String
    public let line: Int
    public let kind: String
    public let namespace: String
    public let name: String
    public let findings: [Finding]
    /// The mode in force for the object's namespace (namespace overrides included).
    public let mode: EnforcementMode

    /// True when the webhook would deny this object: a `danger` finding where the mode is `enforce`.
    public var wouldBeDenied: Bool { mode == .enforce && findings.contains { $0.severity == .danger } }
}

/// The outcome of `harbormaster audit`.
public struct AuditReport: Sendable {
    public var objects: [AuditedObject] = []
    public let mode: EnforcementMode

    public var findings: [(object: AuditedObject, finding: Finding)] {
        objects.flatMap { object in object.findings.map { (object, $0) } }
    }

    public func count(_ severity: Severity) -> Int {
        objects.reduce(0) { $0 + $1.findings.filter { $0.severity == severity }.count }
    }

    /// Exit code 1 when the webhook would deny something: a `danger` finding where its namespace's mode is `enforce`.
    public var wouldDeny: Bool { objects.contains(where: \.wouldBeDenied) }
}

/// `harbormaster audit`: plain manifests judged as if each were being created.
public struct AuditRun: Sendable {
    public let evaluator: Evaluator
    /// Where objects without `metadata.namespace` are judged, as kubectl would place them.
    public let defaultNamespace: String
    /// The date dated exemptions are judged on (`harbormaster.io/exempt-until`); today's UTC date by default.
    public var today: CalendarDate? = CalendarDate(secondsSince1970: Date().timeIntervalSince1970)

    public init(evaluator: Evaluator, defaultNamespace: String = "default") {
        self.evaluator = evaluator
        self.defaultNamespace = defaultNamespace
    }

    /// Loads every object first (objects given together are one "cluster" for checks that need a second
    /// object), then judges each. `kind: List` documents are expanded into their items.
    public func run(_ inputs: [InputFile]) throws(HarnessError) -> AuditReport {
        var objects: [(document: LoadedDocument, object: KubernetesObject)] = []
        for input in inputs {
            for document in try DocumentLoader.documents(in: input) {
                for value in try Manifest(document).objects {
                    objects.append((document, KubernetesObject(value, defaultNamespace: defaultNamespace)))
                }
            }
        }
        var report = AuditReport(mode: evaluator.policy.mode)
        let cluster = ClusterObjects(objects.map(\.object))
        for (document, object) in objects {
            report.objects.append(AuditedObject(
                file: document.file, line: document.line, kind: object.kind, namespace: object.namespace,
                name: object.name, findings: evaluator.judge(object, cluster: cluster, today: today).findings,
                mode: evaluator.policy.mode(in: object.namespace)
            ))
        }
        return report
    }
}
