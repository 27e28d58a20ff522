import AdmissionCore
import Foundation

/// `harbormaster fix`: every object of plain manifests with the mutators' patch applied, as the mutating
/// webhook would change it on CREATE. Documents keep their input order; a `kind: List` stays one list.
public struct FixRun: Sendable {
    public let evaluator: Evaluator
    /// Where objects without `metadata.namespace` are placed, so namespace overrides and exemptions apply.
    public let defaultNamespace: String
    /// The date dated exemptions are judged on (`harbormaster.io/exempt-until`); today's UTC date by default.
    public var today: CalendarDate? = CalendarDate(secondsSince1970: Date().timeIntervalSince1970)

    public init(evaluator: Evaluator, defaultNamespace: String = "default") {
        self.evaluator = evaluator
        self.defaultNamespace = defaultNamespace
    }

    /// The fixed documents, one per input document. Objects no mutator changes come back as they were.
    public func run(_ inputs: [InputFile]) throws(HarnessError) -> [JSON] {
        var output: [JSON] = []
        for input in inputs {
            for document in try DocumentLoader.documents(in: input) {
                let manifest = try Manifest(document)
                guard manifest.isList, case .object(var list) = JSON(manifest.root) else {
                    output.append(try fixed(manifest.root, in: document))
                    continue
                }
                var items: [JSON] = []
                for item in manifest.objects { items.append(try fixed(item, in: document)) }
                list["items"] = .array(items)
                output.append(.object(list))
            }
        }
        return output
    }

    /// The documents as one YAML stream, separated by `---`.
    public static func yaml(_ documents: [JSON]) -> String {
        documents.map(YAMLEmitter.yaml).joined(separator: "---\n")
    }

    private func fixed(_ value: JSONValue, in document: LoadedDocument) throws(HarnessError) -> JSON {
        let object = KubernetesObject(value, defaultNamespace: defaultNamespace)
        let patch = evaluator.patch(for: object, today: today)
        do {
            return try JSON(value).applying(patch)
        } catch {
            // A mutator's patch always fits the object it was computed on; this is a defect, not bad input.
            throw HarnessError("\(document.label): cannot apply the fix to \(object.kind) \(object.name): \(error)")
        }
    }
}

extension FixRun {
    /// The mutators `--check` IDs select, in registry order (later mutators build on earlier ones): the mutator
    /// that fixes each named check, or a mutator named directly. `unfixable` lists named checks no mutator fixes;
    /// `unknown` lists IDs that are neither.
    public static func mutators(
        selectedBy ids: [String], mutators: [MutatorDefinition] = BuiltinMutators.all
    ) -> (selected: [MutatorDefinition], unfixable: [String], unknown: [String]) {
        var wanted: Set<String> = []
        var unfixable: [String] = []
        var unknown: [String] = []
        for id in ids {
            if mutators.contains(where: { $0.id == id }) {
                wanted.insert(id)
            } else if let check = BuiltinChecks.named(id) {
                if let mutator = check.fixedBy { wanted.insert(mutator) } else { unfixable.append(id) }
            } else {
                unknown.append(id)
            }
        }
        return (mutators.filter { wanted.contains($0.id) }, unfixable, unknown)
    }

    /// The engine for `fix`: every mutator the policy enables, or with `--check` IDs only the selected ones,
    /// switched on even where the policy leaves them off (as `audit --check` runs a check the policy ignores).
    public static func evaluator(policy: Policy, checks ids: [String]) -> Evaluator {
        guard !ids.isEmpty else { return Evaluator(policy: policy) }
        let selected = mutators(selectedBy: ids).selected
        var policy = policy
        for mutator in selected {
            policy.mutators[mutator.id] = Policy.MutatorSettings(
                enabled: true, parameters: policy.mutators[mutator.id]?.parameters ?? JSONObject()
            )
        }
        return Evaluator(policy: policy, mutators: selected)
    }
}
