import Testing

@testable import GatehouseCore

@Suite("Secret references")
struct SecretRefTests {
    @Test("env: and file: references parse and print back")
    func valid() {
        #expect(SecretRef(reference: "env:GATEHOUSE_ADMIN_TOKEN") == .env("GATEHOUSE_ADMIN_TOKEN"))
        #expect(SecretRef(reference: "env:_x9") == .env("_x9"))
        #expect(SecretRef(reference: "file:/run/secrets/token") == .file("/run/secrets/token"))
        #expect(SecretRef(reference: "file:relative path.txt") == .file("relative path.txt"))
        #expect(SecretRef.env("PGPASSWORD").description == "env:PGPASSWORD")
        #expect(SecretRef.file("/run/s").description == "file:/run/s")
    }

    @Test(
        "anything else is not a reference",
        arguments: [
            "", "env:", "env:9LIVES", "env:WITH-DASH", "env:ÜBER", "file:", "ENV:X", "hunter2",
            "vault:x", " env:X",
        ])
    func invalid(_ text: String) {
        #expect(SecretRef(reference: text) == nil)
    }

    @Test("secret-bearing key names")
    func secretKeys() {
        for key in ["password", "admin_token", "client_secret", "api_key", "API_KEY", "Token"] {
            #expect(SecretRef.isSecretBearing(key: key), "\(key)")
        }
        for key in ["url", "tokens_per_minute", "keys", "host"] {
            #expect(!SecretRef.isSecretBearing(key: key), "\(key)")
        }
    }
}
