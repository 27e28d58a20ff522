import AdmissionCore
import Foundation
import Testing

/// Compares `json` with the golden file at `path` (relative to `Fixtures/`), pretty-printed with sorted keys.
/// With `RECORD_GOLDEN` set, or when the file is missing, it writes the file instead and records an issue so
/// that the run fails until someone has read the new file.
func expectGolden(_ json: JSON, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let text = JSONWriter(prettyPrinted: true, sortedKeys: true).string(json) + "\n"
    let url = Fixtures.url(path)
    let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil
    guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded golden file \(path), review and commit it", sourceLocation: sourceLocation)
        } catch {
            Issue.record("could not write golden file \(path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    #expect(
        text == expected, "golden file \(path) differs (RECORD_GOLDEN=1 rewrites it)", sourceLocation: sourceLocation)
}
