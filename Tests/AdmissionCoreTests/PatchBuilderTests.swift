import Testing

@testable import AdmissionCore

@Suite struct PatchBuilderTests {
    private func builder(_ text: String) throws -> PatchBuilder {
        PatchBuilder(try JSONDocument(parsing: Array(text.utf8)).root)
    }

    @Test func missingParentsAreAddedWholeOnce() throws {
        var patch = try builder(#"{"spec":{"containers":[{"name":"a"}]}}"#)
        do { let changed = patch.setIfMissing(pointer("/spec/containers/0/securityContext/runAsNonRoot"), true); #expect(changed) }
        do { let changed = patch.setIfMissing(pointer("/spec/containers/0/securityContext/capabilities/drop"), ["ALL"]); #expect(changed) }
        #expect(patch.operations == [
            .add(pointer("/spec/containers/0/securityContext"), ["runAsNonRoot": true, "capabilities": ["drop": ["ALL"]]])
        ])
        #expect(patch.changeCount == 2)
    }

    @Test func existingValuesAreNeverOverwritten() throws {
        var patch = try builder(#"{"a":{"b":false,"c":0,"d":""}}"#)
        do { let changed = patch.setIfMissing(pointer("/a/b"), true); #expect(!changed) }
        do { let changed = patch.setIfMissing(pointer("/a/c"), 1); #expect(!changed) }
        do { let changed = patch.setIfMissing(pointer("/a/d"), "x"); #expect(!changed) }
        #expect(patch.operations.isEmpty)
        #expect(patch.changeCount == 0)
    }

    @Test func nullCountsAsMissingAndIsReplaced() throws {
        var patch = try builder(#"{"metadata":{"labels":null}}"#)
        do { let changed = patch.setIfMissing(pointer("/metadata/labels/app"), "web"); #expect(changed) }
        #expect(patch.operations == [.replace(pointer("/metadata/labels"), ["app": "web"])])
    }

    @Test func nothingIsPlacedBelowAScalarOrOutsideAList() throws {
        var patch = try builder(#"{"spec":"text","list":[1]}"#)
        do { let changed = patch.setIfMissing(pointer("/spec/replicas"), 2); #expect(!changed) }
        do { let changed = patch.setIfMissing(pointer("/list/3/x"), 2); #expect(!changed) }
        do { let changed = patch.setIfMissing(pointer("/list/0/x"), 2); #expect(!changed) }
        #expect(patch.operations.isEmpty)
    }

    @Test func pointerTokensAreEscaped() throws {
        var patch = try builder(#"{"metadata":{"labels":{}}}"#)
        patch.setIfMissing(pointer("/metadata/labels").appending("app.kubernetes.io/name"), "web")
        patch.setIfMissing(pointer("/metadata/labels").appending("a~b"), "x")
        #expect(patch.operations.json.jsonText == #"[{"op":"add","path":"/metadata/labels/app.kubernetes.io~1name","value":"web"},{"op":"add","path":"/metadata/labels/a~0b","value":"x"}]"#)
    }

    @Test func appendsGoToTheEndOfAnExistingListOrCreateIt() throws {
        var patch = try builder(#"{"a":[1],"b":{}}"#)
        do { let changed = patch.append(2, toListAt: pointer("/a")); #expect(changed) }
        do { let changed = patch.append(3, toListAt: pointer("/b/list")); #expect(changed) }
        do { let changed = patch.append(4, toListAt: pointer("/b/list")); #expect(changed) }
        do { let changed = patch.append(5, toListAt: pointer("/b")); #expect(!changed) }
        #expect(patch.operations == [.add(pointer("/a/-"), 2), .add(pointer("/b/list"), [3, 4])])
    }

    @Test func valueAtSeesWhatEarlierChangesAdded() throws {
        var patch = try builder(#"{"spec":{"template":{}}}"#)
        #expect(patch.value(at: pointer("/spec/replicas")) == nil)
        patch.setIfMissing(pointer("/spec/replicas"), 3)
        patch.setIfMissing(pointer("/spec/template/spec/x/y"), "z")
        #expect(patch.value(at: pointer("/spec/replicas")) == 3)
        #expect(patch.value(at: pointer("/spec/template/spec/x")) == ["y": "z"])
        #expect(patch.contains(pointer("/spec/template/spec/x/y")))
        #expect(!patch.contains(pointer("/spec/template/spec/x/q")))
    }

    @Test func setReplacesOnlyWhatDiffers() throws {
        var patch = try builder(#"{"metadata":{"annotations":{"k":"v"}}}"#)
        patch.set(pointer("/metadata/annotations/k"), "v")
        #expect(patch.operations.isEmpty)
        patch.set(pointer("/metadata/annotations/k"), "w")
        #expect(patch.operations == [.replace(pointer("/metadata/annotations/k"), "w")])
    }

    @Test func everyPatchAppliesToTheOriginal() throws {
        let text = #"{"spec":{"containers":[{"name":"a","securityContext":null},{"name":"b"}]},"metadata":{}}"#
        var patch = try builder(text)
        patch.setIfMissing(pointer("/spec/containers/0/securityContext/runAsNonRoot"), true)
        patch.setIfMissing(pointer("/spec/containers/0/securityContext/readOnlyRootFilesystem"), true)
        patch.setIfMissing(pointer("/spec/containers/1/resources/requests/cpu"), "100m")
        patch.append("x", toListAt: pointer("/spec/containers/1/args"))
        patch.setIfMissing(pointer("/metadata/labels/app"), "web")
        let applied = try JSON(try JSONDocument(parsing: Array(text.utf8)).root).applying(patch.operations)
        #expect(applied.value(at: pointer("/spec/containers/0/securityContext")) == ["runAsNonRoot": true, "readOnlyRootFilesystem": true])
        #expect(applied.value(at: pointer("/spec/containers/1/args")) == ["x"])
        #expect(applied.value(at: pointer("/metadata/labels/app")) == "web")
    }
}
