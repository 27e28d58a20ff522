import Foundation
import Testing

/// The doctor's certificate checks, with a PKI made by openssl at test time (`DoctorPKI`): the caBundle against
/// the serving certificate (from `--certificate`, or the Secret the Deployment mounts), dates, names and usages.
@Suite struct DoctorCertificateTests {
    private func pki() throws -> DoctorPKI { try DoctorPKI.get() }

    @Test func theMountedSecretIsTheServingCertificate() throws {
        var scenario = DoctorScenario()
        scenario.servingCertificate = "wrong-name.crt"
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        let mismatch = outcome.findings("servingCertificateNameMismatch")
        #expect(mismatch.count == 2, "\(outcome.summary)")
        #expect(mismatch.first?.message.contains("Secret harbormaster/harbormaster-tls tls.crt names only harbormaster.default.svc, not harbormaster.harbormaster.svc") == true, "\(outcome.summary)")
    }

    @Test func theCertificateOptionReplacesTheSecret() throws {
        var scenario = DoctorScenario()
        scenario.servingCertificate = "wrong-name.crt"
        scenario.arguments = ["--certificate", try pki().path("good.crt")]
        let outcome = try scenario.run()
        #expect(outcome.status == 0, "\(outcome.summary)")
        #expect(outcome.findings.isEmpty, "\(outcome.summary)")
    }

    @Test func aCertificateFromAnotherCADoesNotVerify() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--certificate", try pki().path("foreign.crt")]
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.ids == ["caBundleDoesNotVerify"], "\(outcome.summary)")
        #expect(outcome.findings.first?.message.contains("unable to get local issuer certificate") == true, "\(outcome.summary)")
    }

    @Test func theCABundleOptionReplacesEveryBundle() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--ca-bundle", try pki().path("other-ca.crt")]
        let outcome = try scenario.run()
        #expect(outcome.findings("caBundleDoesNotVerify").count == 2, "\(outcome.summary)")
        #expect(outcome.findings.first?.message.contains("\(try pki().path("other-ca.crt")) does not verify the serving certificate") == true)
        // A bundle given for cert-manager's injection is checked in its place.
        var injected = DoctorScenario([DoctorScenario.Edit("      caBundle: ${CA_BUNDLE}\n", "")])
        injected.arguments = ["--ca-bundle", try pki().path("ca.crt")]
        #expect(try injected.run().findings.isEmpty)
    }

    @Test func expiringWithinThirtyDaysWarns() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--certificate", try pki().path("short.crt")]
        let outcome = try scenario.run()
        #expect(outcome.status == 0)
        #expect(outcome.ids == ["servingCertificateExpiresSoon"], "\(outcome.summary)")
        #expect(outcome.findings.allSatisfy { $0.severity == "warning" })
    }

    @Test func expiredIsDanger() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--certificate", try pki().path("short.crt"), "--now", try pki().day(10)]
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.ids == ["servingCertificateExpired"], "\(outcome.summary)")
    }

    @Test func notYetValidIsDanger() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--now", try pki().day(-2)]
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.ids == ["servingCertificateNotYetValid"], "\(outcome.summary)")
    }

    @Test func aClientOnlyCertificateCannotServe() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--certificate", try pki().path("client-only.crt")]
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.ids == ["servingCertificateNotForServerAuth"], "\(outcome.summary)")
    }

    @Test func aCAThatExpiresSoonWarnsAndAnExpiredOneIsDanger() throws {
        var scenario = DoctorScenario()
        scenario.caBundle = "short-ca.crt"
        scenario.servingCertificate = "short-ca-leaf.crt"
        let soon = try scenario.run()
        #expect(soon.status == 0)
        #expect(soon.ids == ["caBundleExpiresSoon"], "\(soon.summary)")
        scenario.arguments = ["--now", try pki().day(25)]
        let expired = try scenario.run()
        #expect(expired.status == 1)
        #expect(expired.ids == ["caBundleExpired"], "\(expired.summary)")
        #expect(expired.findings.allSatisfy { $0.severity == "danger" })
    }

    @Test func anExpiredCABesideAValidOneOnlyWarns() throws {
        let bundle = try pki().contents("short-ca.crt") + pki().contents("ca.crt")
        let file = try TestSupport.temporaryFile(bundle, suffix: "-bundle.crt")
        defer { try? FileManager.default.removeItem(at: file) }
        var scenario = DoctorScenario()
        scenario.arguments = ["--ca-bundle", file.path, "--now", try pki().day(25)]
        let outcome = try scenario.run()
        #expect(outcome.status == 0, "\(outcome.summary)")
        #expect(outcome.ids == ["caBundleExpired"], "\(outcome.summary)")
        #expect(outcome.findings.allSatisfy { $0.severity == "warning" })
    }

    @Test func theServingCertificateAsItsOwnBundleVerifiesButWarns() throws {
        var scenario = DoctorScenario()
        scenario.caBundle = "good.crt"
        let outcome = try scenario.run()
        #expect(outcome.status == 0)
        #expect(outcome.ids == ["caBundleNotCA"], "\(outcome.summary)")
    }

    @Test func aSecretThatIsNotPEMIsDanger() throws {
        var scenario = DoctorScenario()
        scenario.servingCertificate = nil
        scenario.tlsText = "not a certificate"
        let outcome = try scenario.run()
        #expect(outcome.status == 1)
        #expect(outcome.ids == ["servingCertificateInvalid"], "\(outcome.summary)")
    }

    @Test func unreadableCertificateFilesExitTwo() throws {
        var scenario = DoctorScenario()
        scenario.arguments = ["--certificate", try pki().path("good.csr")]
        let notPEM = try scenario.run().result
        #expect(notPEM.status == 2)
        #expect(notPEM.stdout.isEmpty)
        #expect(notPEM.stderr.split(separator: "\n").count == 1)
        #expect(notPEM.stderr.contains("good.csr: no certificate"), "\(notPEM.stderr)")
        scenario.arguments = ["--ca-bundle", "/no/such/ca.crt"]
        let missing = try scenario.run().result
        #expect(missing.status == 2)
        #expect(missing.stderr == "harbormaster: /no/such/ca.crt: cannot read the file\n")
    }
}
