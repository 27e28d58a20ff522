import Testing

@testable import AdmissionCore

@Suite struct CatalogueTests {
    static let checkIDs = BuiltinChecks.all.map(\.id)

    @Test func checkAndMutatorIDsAreUnique() {
        #expect(Set(Self.checkIDs).count == Self.checkIDs.count)
        let mutatorIDs = BuiltinMutators.all.map(\.id)
        #expect(Set(mutatorIDs).count == mutatorIDs.count)
        #expect(Set(Self.checkIDs).isDisjoint(with: mutatorIDs))
    }

    @Test(arguments: BuiltinChecks.all.map(\.id) + BuiltinMutators.all.map(\.id))
    func idIsLowerCamelCase(id: String) {
        let isLowerCamelCase =
            id.first?.isLowercase == true && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        #expect(isLowerCamelCase, "\(id) is not lowerCamelCase")
    }

    @Test(arguments: BuiltinChecks.all.map(\.id))
    func textFollowsTheConventions(id: String) throws {
        let check = try #require(BuiltinChecks.named(id))
        #expect(check.remediation.hasSuffix("."), "remediation of \(id) must end with a period")
        #expect(!check.message.hasSuffix("."), "message of \(id) is a fragment without a final period")
        #expect(!check.message.isEmpty && !check.message.contains("\n"))
        #expect(check.message.first?.isUppercase == true)
        #expect(check.defaultSeverity != .ignore)
    }

    @Test(arguments: BuiltinChecks.all.map(\.id))
    func everyCheckHasPassAndFailFixtures(id: String) {
        let files = Fixtures.files(in: "checks/\(id)")
        #expect(files.contains { $0.hasPrefix("pass.") && $0.hasSuffix(".json") }, "no pass. fixture for \(id)")
        #expect(files.contains { $0.hasPrefix("fail.") && $0.hasSuffix(".json") }, "no fail. fixture for \(id)")
    }

    @Test func everyFixtureDirectoryAndFileIsForAKnownCheck() {
        for directory in Fixtures.files(in: "checks") {
            #expect(Self.checkIDs.contains(directory), "Fixtures/checks/\(directory) names no built-in check")
            for file in Fixtures.files(in: "checks/\(directory)") {
                let named = (file.hasPrefix("pass.") || file.hasPrefix("fail.")) && file.hasSuffix(".json") || file == "parameters.json"
                #expect(named, "Fixtures/checks/\(directory)/\(file) must be pass.<case>.json or fail.<case>.json")
            }
        }
    }

    @Test(arguments: BuiltinChecks.all.map(\.id))
    func fixedByNamesABuiltinMutator(id: String) throws {
        let check = try #require(BuiltinChecks.named(id))
        if let mutator = check.fixedBy {
            #expect(BuiltinMutators.named(mutator) != nil, "\(id).fixedBy names unknown mutator \(mutator)")
        }
    }

    @Test(arguments: BuiltinMutators.all.map(\.id))
    func everyMutatorHasGoldenCases(id: String) {
        let reviews = Fixtures.files(in: "mutators/\(id)").filter { $0.hasSuffix(".review.json") }
        #expect(!reviews.isEmpty, "no golden case for mutator \(id)")
    }

    @Test func parameterDefaultsFitTheirOwnTypes() {
        let specs = BuiltinChecks.all.flatMap(\.parameters) + BuiltinMutators.all.flatMap(\.parameters)
        for spec in specs {
            #expect(spec.problem(with: spec.defaultValue) == nil, "default of \(spec.name) does not fit its type")
        }
    }

    @Test func namedFindsChecksAndMutators() {
        #expect(BuiltinChecks.named("hostNetworkSet")?.category == .security)
        #expect(BuiltinChecks.named("nope") == nil)
        #expect(BuiltinMutators.named("defaultResourceRequests")?.enabledByDefault == true)
        #expect(BuiltinMutators.named("nope") == nil)
    }
}
