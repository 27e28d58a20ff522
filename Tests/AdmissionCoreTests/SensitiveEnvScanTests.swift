import Testing

@testable import AdmissionCore

/// sensitiveContainerEnvVar scans env entries in place; escapes and case must not hide a credential.
@Suite struct SensitiveEnvScanTests {
    private func fails(_ env: String) throws -> Bool {
        let pod = cleanPod(replacing: #""imagePullPolicy":"Always","#, with: #""imagePullPolicy":"Always","env":\#(env),"#)
        let findings = Evaluator(policy: Policy().restricted(to: ["sensitiveContainerEnvVar"])).judge(try kubernetesObject(pod)).findings
        return !findings.isEmpty
    }

    @Test func namesAreMatchedIgnoringCaseAndEscapes() throws {
        #expect(try fails(#"[{"name":"db_password","value":"x"}]"#))
        #expect(try fails(#"[{"name":"DB_\u0050ASSWORD","value":"x"}]"#))
        #expect(try fails(#"[{"name":"azure_storage_key","value":"x"}]"#))
        #expect(try !fails(#"[{"name":"DB_PASSWORD_FILE","value":"/run/secret"}]"#))
        #expect(try !fails(#"[{"name":"DB_PASSWORD","value":""}]"#))
        #expect(try !fails(#"[{"name":"LOG_LEVEL","value":"debug"}]"#))
    }

    @Test func privateKeysAreFoundInAnyValueEvenEscaped() throws {
        #expect(try fails(#"[{"name":"CERT","value":"-----BEGIN PRIVATE KEY-----\nMIIB"}]"#))
        #expect(try fails(#"[{"name":"CERT","value":"-----BEGIN \u0050RIVATE KEY-----"}]"#))
        #expect(try !fails(#"[{"name":"CERT","value":"-----BEGIN CERTIFICATE-----"}]"#))
    }
}
