import Foundation
import Testing

@testable import GatehouseCore

@Suite("Default configuration")
struct DefaultConfigTests {
    /// examples/gatehouse.yaml, found from this file's place in the repository.
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Config
        .deletingLastPathComponent()  // GatehouseCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .appendingPathComponent(DefaultConfig.path)

    @Test("DefaultConfig.text is byte-identical to examples/gatehouse.yaml")
    func noDrift() throws {
        let file = try Data(contentsOf: Self.exampleURL)
        #expect(file == Data(DefaultConfig.text.utf8))
    }

    @Test("the default configuration parses cleanly")
    func parses() throws {
        let config = try ConfigParser.parse(DefaultConfig.text, file: DefaultConfig.path)
        #expect(
            config.server == ServerConfig(host: "127.0.0.1", port: 8080, dataDir: "./.gatehouse"))
        #expect(config.store == StoreConfig())
        #expect(config.audit == AuditConfig())
        #expect(config.logging == LoggingConfig())
        #expect(
            config.bootstrap
                == BootstrapConfig(
                    adminToken: .env("GATEHOUSE_ADMIN_TOKEN"), adminGroups: ["admins"]))
        #expect(config.groups.map(\.name) == ["admins", "authenticated", "developers", "scim", "auditors"])
    }

    @Test("the default policy decides as its comments say")
    func decisions() throws {
        let policy = try ConfigParser.parse(DefaultConfig.text, file: DefaultConfig.path).policy
        let developer = Principal(
            issuer: "https://idp", subject: "dev", groups: ["developers"], authMethod: .ssoSession)
        let nobody = Principal(issuer: "https://idp", subject: "new", authMethod: .ssoSession)
        let auditor = Principal(
            issuer: "https://idp", subject: "aud", groups: ["auditors"], authMethod: .accessToken)
        let admin = Principal(
            issuer: "gatehouse:local", subject: "admin", groups: ["admins"], authMethod: .localAdmin
        )

        #expect(policy.decide(nobody, Action(.whoami)).rule == "authenticated-whoami")
        #expect(!policy.decide(nobody, Action(.modelUse)).isAllowed)
        #expect(policy.decide(nobody, Action(.usageRead, resource: "self")).rule == "authenticated-own-usage")
        #expect(!policy.decide(nobody, Action(.usageRead, resource: "*")).isAllowed, "only one's own usage")
        #expect(
            policy.decide(developer, Action(.modelUse, resource: "gpt")).rule == "developers-build")
        #expect(
            policy.decide(developer, Action(.imagePull, resource: "ghcr.io/acme/app:1.2")).isAllowed
        )
        let latest = policy.decide(
            developer, Action(.imagePull, resource: "docker.io/library/nginx:latest"))
        #expect(latest.rule == "developers-no-latest")
        #expect(!latest.isAllowed)
        #expect(!policy.decide(developer, Action(.auditRead)).isAllowed)
        #expect(policy.decide(auditor, Action(.auditExport)).rule == "auditors-audit")
        #expect(policy.decide(admin, Action(.policyChange)).rule == "admins-everything")
    }
}
