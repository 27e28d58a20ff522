/// A pod spec found inside an object, with where it is and what surrounds it. A class: every container check's
/// context holds it.
public final class PodSpecLocation: Sendable {
    public let spec: JSONValue
    public let path: JSONPointer
    /// The pod template's metadata (the Pod's own metadata for a Pod), when present.
    public let templateMetadata: JSONValue?
    public let templateMetadataPath: JSONPointer
    /// Pods of Jobs and CronJobs run to completion: probes make no sense for them.
    public let runsToCompletion: Bool

    /// Every container of the pod: `containers`, then `initContainers`, then `ephemeralContainers`.
    public let containers: [ContainerLocation]

    init(spec: JSONValue, path: JSONPointer, templateMetadata: JSONValue?, templateMetadataPath: JSONPointer, runsToCompletion: Bool) {
        self.spec = spec
        self.path = path
        self.templateMetadata = templateMetadata
        self.templateMetadataPath = templateMetadataPath
        self.runsToCompletion = runsToCompletion
        var containers: [ContainerLocation] = []
        for role in ContainerRole.allCases {
            guard let list = spec[role.field]?.elements else { continue }
            for (position, container) in list.enumerated() where container.isObject {
                containers.append(ContainerLocation(container: container, path: path.appending(role.field).appending(position), role: role))
            }
        }
        self.containers = containers
    }
}

/// Which list of the pod spec a container comes from.
public enum ContainerRole: String, Sendable, CaseIterable {
    case regular, initContainer, ephemeral

    /// The pod spec field holding containers of this role.
    public var field: String {
        switch self {
        case .regular: return "containers"
        case .initContainer: return "initContainers"
        case .ephemeral: return "ephemeralContainers"
        }
    }
}

/// One container with its JSON Pointer.
public struct ContainerLocation: Sendable {
    public let container: JSONValue
    public let path: JSONPointer
    public let role: ContainerRole

    public var name: String { container["name"]?.string ?? "" }
}

/// Finds pod specs in every built-in kind that carries one. Kinds are matched with their API group, so a
/// custom resource that happens to be called `Deployment` is not mistaken for one.
public enum PodSpecLocator {
    /// Pointer to the pod template (the object holding `metadata` and `spec`) for each workload kind.
    static let templatePaths: [String: (groups: Set<String>, template: [String])] = [
        "Pod": ([""], []),
        "PodTemplate": ([""], ["template"]),
        "ReplicationController": ([""], ["spec", "template"]),
        "Deployment": (["apps", "extensions"], ["spec", "template"]),
        "StatefulSet": (["apps"], ["spec", "template"]),
        "DaemonSet": (["apps", "extensions"], ["spec", "template"]),
        "ReplicaSet": (["apps", "extensions"], ["spec", "template"]),
        "Job": (["batch"], ["spec", "template"]),
        "CronJob": (["batch"], ["spec", "jobTemplate", "spec", "template"]),
    ]

    /// The kinds whose pod specs Harbormaster understands.
    public static var workloadKinds: [String] { templatePaths.keys.sorted() }

    /// True when `object` is one of the built-in kinds that carry a pod spec.
    public static func isWorkload(_ object: KubernetesObject) -> Bool {
        guard let entry = templatePaths[object.kind] else { return false }
        return entry.groups.contains(object.group)
    }

    public static func locate(in object: KubernetesObject) -> [PodSpecLocation] {
        locate(kind: object.kind, group: object.group, in: object.value)
    }

    static func locate(kind: String, group: String, in value: JSONValue) -> [PodSpecLocation] {
        guard let entry = templatePaths[kind], entry.groups.contains(group) else { return [] }
        let templatePath = JSONPointer(entry.template)
        guard let template = value.value(at: templatePath), let spec = template["spec"], spec.isObject else {
            return []
        }
        return [PodSpecLocation(
            spec: spec,
            path: templatePath.appending("spec"),
            templateMetadata: template["metadata"],
            templateMetadataPath: templatePath.appending("metadata"),
            runsToCompletion: kind == "Job" || kind == "CronJob" || (kind == "Pod" && ownedByJob(value))
        )]
    }

    /// A Pod created by a Job controller is a Job pod too.
    private static func ownedByJob(_ pod: JSONValue) -> Bool {
        guard let owners = pod["metadata"]?["ownerReferences"]?.elements else { return false }
        return owners.contains { $0["kind"]?.isString("Job") == true }
    }
}
