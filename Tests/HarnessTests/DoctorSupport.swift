import AdmissionCore
import Foundation
import Testing

/// Certificates for the doctor's tests, made with openssl once per test process in a temporary directory (no
/// certificate is committed). Every date a test passes to `--now` is counted from the day they were issued, so
/// the outcome never depends on today's date.
struct DoctorPKI: Sendable {
    let directory: URL
    /// The UTC day the certificates were issued (their notBefore).
    let issued: CalendarDate
    private let issuedSeconds: Double

    static let shared: Result<DoctorPKI, DoctorTestError> = Result { () throws(DoctorTestError) in try make() }

    static func get() throws -> DoctorPKI { try shared.get() }

    /// A file of the PKI: `ca.crt`, `good.crt`, `short.crt` (5 days), `wrong-name.crt`, `client-only.crt`,
    /// `ip.crt` (IP 10.0.0.5), `other-ca.crt`, `foreign.crt` (signed by other-ca), `short-ca.crt` (a CA valid
    /// 20 days), `short-ca-leaf.crt` (signed by it), `good.key`.
    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func base64(_ name: String) throws -> String { Data(try contents(name).utf8).base64EncodedString() }

    /// `--now` for a day `offset` days after the issue day (0: the issue day, before notBefore).
    func day(_ offset: Int) -> String {
        CalendarDate(secondsSince1970: issuedSeconds + Double(offset) * 86_400).description
    }

    private static func make() throws(DoctorTestError) -> DoctorPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-doctor-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let pki = Maker(directory: directory)
            try pki.authority("ca", days: 365)
            try pki.authority("other-ca", days: 365)
            try pki.authority("short-ca", days: 20)
            let service = "DNS:harbormaster,DNS:harbormaster.harbormaster,DNS:harbormaster.harbormaster.svc,DNS:harbormaster.harbormaster.svc.cluster.local"
            try pki.leaf("good", ca: "ca", days: 365, subjectAltName: service)
            try pki.leaf("short", ca: "ca", days: 5, subjectAltName: service)
            try pki.leaf("wrong-name", ca: "ca", days: 365, subjectAltName: "DNS:harbormaster.default.svc")
            try pki.leaf("client-only", ca: "ca", days: 365, subjectAltName: service, extendedKeyUsage: "clientAuth")
            try pki.leaf("ip", ca: "ca", days: 365, subjectAltName: "IP:10.0.0.5")
            try pki.leaf("foreign", ca: "other-ca", days: 365, subjectAltName: service)
            try pki.leaf("short-ca-leaf", ca: "short-ca", days: 365, subjectAltName: service)
            let start = try pki.openssl(["x509", "-in", directory.appendingPathComponent("good.crt").path, "-noout", "-startdate", "-dateopt", "iso_8601"])
            // notBefore=2026-11-25 03:07:21Z
            let stamp = start.replacingOccurrences(of: "notBefore=", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: " ", with: "T")
            guard let date = ISO8601DateFormatter().date(from: stamp) else { throw DoctorTestError("cannot read notBefore from '\(start)'") }
            let seconds = date.timeIntervalSince1970
            return DoctorPKI(directory: directory, issued: CalendarDate(secondsSince1970: seconds), issuedSeconds: seconds)
        } catch let error as DoctorTestError {
            throw error
        } catch {
            throw DoctorTestError("\(error)")
        }
    }

    private struct Maker {
        let directory: URL

        func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

        @discardableResult
        func openssl(_ arguments: [String]) throws -> String {
            let result = try TestSupport.run(["openssl"] + arguments, executable: URL(fileURLWithPath: "/usr/bin/env"))
            guard result.status == 0 else { throw DoctorTestError("openssl \(arguments.joined(separator: " ")): \(result.stderr)") }
            return result.stdout
        }

        func authority(_ name: String, days: Int) throws {
            try openssl([
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("\(name).key"), "-out", file("\(name).crt"), "-subj", "/CN=Doctor test \(name)",
                "-days", String(days),
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        }

        func leaf(_ name: String, ca: String, days: Int, subjectAltName: String, extendedKeyUsage: String = "serverAuth") throws {
            let extensions = """
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = \(extendedKeyUsage)
                subjectAltName = \(subjectAltName)

                """
            try Data(extensions.utf8).write(to: URL(fileURLWithPath: file("\(name).ext")))
            try openssl([
                "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", file("\(name).key"), "-out", file("\(name).csr"), "-subj", "/CN=harbormaster.harbormaster.svc",
            ])
            try openssl([
                "x509", "-req", "-in", file("\(name).csr"), "-CA", file("\(ca).crt"), "-CAkey", file("\(ca).key"),
                "-set_serial", String(Int.random(in: 1...Int(Int32.max))), "-days", String(days),
                "-extfile", file("\(name).ext"), "-out", file("\(name).crt"),
            ])
        }
    }
}

struct DoctorTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The fixture set under `Fixtures/doctor` (what the chart renders), edited, with certificates filled in, written
/// to a temporary directory, and `harbormaster doctor` run over it.
struct DoctorScenario {
    struct Edit: Sendable, CustomStringConvertible {
        let old: String
        let new: String
        init(_ old: String, _ new: String) {
            self.old = old
            self.new = new
        }
        var description: String { "\(old.debugDescription) -> \(new.debugDescription)" }
    }

    /// Switches both webhooks to failurePolicy Fail.
    static let fail = Edit("failurePolicy: Ignore", "failurePolicy: Fail")

    var edits: [Edit] = []
    /// The PKI file whose base64 is every `${CA_BUNDLE}`.
    var caBundle = "ca.crt"
    /// The PKI file in the Secret's `tls.crt` (nil: the text given in `tlsText`).
    var servingCertificate: String? = "good.crt"
    var tlsText = ""
    /// More documents, written as a third file.
    var extra: String?
    /// Arguments after the directory; `--now` defaults to the day after the certificates were issued.
    var arguments: [String] = []
    var format = "json"

    init(_ edits: [Edit] = [], arguments: [String] = []) {
        self.edits = edits
        self.arguments = arguments
    }

    /// Writes the edited fixtures; an edit whose text is not in them fails, so that the fixtures cannot drift away
    /// from what the tests think they change.
    func write() throws -> URL {
        let pki = try DoctorPKI.get()
        var files: [String: String] = [:]
        for name in ["workload.yaml", "webhooks.yaml"] {
            files[name] = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("doctor/\(name)"), encoding: .utf8)
        }
        for edit in edits {
            let touched = files.filter { $0.value.contains(edit.old) }.map(\.key)
            guard !touched.isEmpty else { throw DoctorTestError("edit not applicable: \(edit)") }
            for name in touched { files[name] = files[name]!.replacingOccurrences(of: edit.old, with: edit.new) }
        }
        let tls = try servingCertificate.map(pki.base64) ?? Data(tlsText.utf8).base64EncodedString()
        let substitutions = ["${CA_BUNDLE}": try pki.base64(caBundle), "${TLS_CRT}": tls, "${TLS_KEY}": try pki.base64("good.key")]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("harbormaster-doctor-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let extra { files["extra.yaml"] = extra }
        for (name, text) in files {
            let filled = substitutions.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            try Data(filled.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    /// Runs `harbormaster doctor` over the written fixtures.
    func run() throws -> DoctorOutcome {
        let pki = try DoctorPKI.get()
        let directory = try write()
        defer { try? FileManager.default.removeItem(at: directory) }
        var arguments = ["doctor", "--format", format, directory.path] + arguments
        if !arguments.contains("--now") { arguments += ["--now", pki.day(1)] }
        return DoctorOutcome(try TestSupport.run(arguments))
    }
}

/// What one run printed, with the JSON report's findings when the output is JSON.
struct DoctorOutcome {
    struct Found: Equatable, CustomStringConvertible {
        let id: String
        let severity: String
        let webhook: String
        let message: String
        var description: String { "\(severity) \(id) (\(webhook)): \(message)" }
    }

    let result: TestSupport.Result
    let report: JSON?
    let findings: [Found]

    init(_ result: TestSupport.Result) {
        self.result = result
        report = try? JSON(parsing: result.stdout)
        findings = (report?["findings"]?.arrayValue ?? []).map { finding in
            Found(
                id: finding["id"]?.stringValue ?? "", severity: finding["severity"]?.stringValue ?? "",
                webhook: finding["webhook"]?.stringValue ?? "", message: finding["message"]?.stringValue ?? ""
            )
        }
    }

    var status: Int32 { result.status }
    var ids: Set<String> { Set(findings.map(\.id)) }

    func findings(_ id: String) -> [Found] { findings.filter { $0.id == id } }

    /// For #expect messages.
    var summary: String { findings.isEmpty ? "no findings; stderr: \(result.stderr)" : findings.map(\.description).joined(separator: "\n") }
}
