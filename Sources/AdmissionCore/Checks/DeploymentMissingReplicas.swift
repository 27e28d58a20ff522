extension CheckDefinition {
    /// An explicit `spec.replicas` below 2 always fails. A missing one means 1 replica unless a
    /// HorizontalPodAutoscaler scales the Deployment (then leaving replicas out is the recommended practice, and
    /// hpaMinAvailability judges the floor), so it needs the HPAs: in `audit` it fails when no HPA in the same
    /// namespace targets the Deployment; alone (the webhook) it cannot tell and does not report.
    /// Polaris's fixtures write Deployments as `apiVersion: v1`, so the core group is accepted too.
    static let deploymentMissingReplicas = CheckDefinition(
        id: "deploymentMissingReplicas",
        category: .reliability,
        defaultSeverity: .warning,
        message: "Deployment should run 2 or more replicas",
        remediation: "Set spec.replicas to 2 or more, or let a HorizontalPodAutoscaler with minReplicas 2 manage it.",
        rule: .crossResource(appliesTo: isReplicatedDeployment) { context in
            let path = JSONPointer(["spec", "replicas"])
            if let replicas = context.object.value.value(at: path), !replicas.isNull {
                return (replicas.int ?? 0) >= 2 ? [] : [Violation(path: path)]
            }
            guard let cluster = context.cluster else { return nil }
            let autoscalers = cluster.objects(kind: "HorizontalPodAutoscaler", namespace: context.object.namespace)
            let scaled = autoscalers.contains {
                let target = $0.value["spec"]?["scaleTargetRef"]
                return target?["kind"]?.isString("Deployment") == true
                    && target?["name"]?.isString(context.object.name) == true
            }
            return scaled ? [] : [Violation(path: path, detail: "unset (1 replica), and no autoscaler scales it")]
        }
    )

    private static func isReplicatedDeployment(_ object: KubernetesObject) -> Bool {
        object.kind == "Deployment" && ["apps", "extensions"].contains(object.group)
    }
}
