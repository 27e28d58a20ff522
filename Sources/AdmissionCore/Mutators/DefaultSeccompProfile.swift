extension MutatorDefinition {
    /// On the pod, the idiomatic place, unless an exempt container would be confined with the rest: then on each
    /// other container. Not on Windows pods (the API rejects the field there), nor where a legacy seccomp
    /// annotation speaks for the pod or container: it is the author's choice, and the API rejects a field that
    /// disagrees with it.
    static let defaultSeccompProfile = MutatorDefinition(
        id: "defaultSeccompProfile",
        description: "Sets seccompProfile type RuntimeDefault where no seccomp profile is set (off by default)",
        enabledByDefault: false,
        fixes: ["linuxHardening"],
        mutate: { context, patch in
            let profile: JSON = ["type": "RuntimeDefault"]
            let included = context.containers()
            for pod in context.object.podSpecs where !pod.runsOnWindows {
                let podProfile = pod.spec["securityContext"]?["seccompProfile"]
                if let podProfile, !podProfile.isNull { continue }
                let annotations = pod.templateMetadata?["annotations"]
                if annotations?["seccomp.security.alpha.kubernetes.io/pod"] != nil { continue }
                let mine = included.filter { $0.pod.path == pod.path }
                let everyContainer = pod.containers.filter { $0.role != .ephemeral }.count
                if mine.count == everyContainer {
                    patch.setIfMissing(pod.path.appending("securityContext").appending("seccompProfile"), profile)
                } else {
                    for (_, location) in mine
                    where annotations?["container.seccomp.security.alpha.kubernetes.io/" + location.name] == nil {
                        patch.setIfMissing(location.path.appending("securityContext").appending("seccompProfile"), profile)
                    }
                }
            }
        }
    )
}
