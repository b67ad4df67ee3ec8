import Testing

@testable import GatehouseCore

@Suite("Valid configurations")
struct ConfigParserValidTests {
    private func parse(_ yaml: String) throws -> GatehouseConfig {
        try ConfigParser.parse(yaml, file: ConfigTestSupport.file)
    }

    @Test("a file with only the version gets every default")
    func defaults() throws {
        let config = try parse("version: 1\n")
        #expect(config == GatehouseConfig())
        #expect(config.server == ServerConfig(host: "127.0.0.1", port: 8080, dataDir: nil))
        #expect(
            config.store
                == StoreConfig(url: "sqlite:gatehouse.db", password: nil, maxConnections: 10))
        #expect(config.audit == AuditConfig(checkpointEvery: 1000, batchMax: 1024))
        #expect(config.logging == LoggingConfig(level: .info, format: .json))
        #expect(config.bootstrap == BootstrapConfig(adminToken: nil, adminGroups: ["admins"]))
        #expect(config.groups.isEmpty)
    }

    @Test("empty sections and keys set to null take the defaults")
    func nullIsAbsent() throws {
        let config = try parse("version: 1\nserver:\nstore: ~\naudit: {batch_max: null}\ngroups:\n")
        #expect(config == GatehouseConfig())
    }

    @Test("every setting is read")
    func everySetting() throws {
        let config = try parse(
            """
            version: 1
            server: {host: 0.0.0.0, port: 9443, data_dir: /var/lib/gatehouse}
            store:
              url: postgres://gatehouse@[::1]:5432/gatehouse?sslmode=require
              password: file:/run/secrets/pg
              max_connections: 1_0
            audit: {checkpoint_every: 1_000_000, batch_max: 1}
            logging: {level: trace, format: text}
            bootstrap:
              admin_token: env:GH_TOKEN
              admin_groups: platform-ops
            """)
        #expect(
            config.server
                == ServerConfig(host: "0.0.0.0", port: 9443, dataDir: "/var/lib/gatehouse"))
        #expect(
            config.store
                == StoreConfig(
                    url: "postgres://gatehouse@[::1]:5432/gatehouse?sslmode=require",
                    password: .file("/run/secrets/pg"), maxConnections: 10))
        #expect(config.audit == AuditConfig(checkpointEvery: 1_000_000, batchMax: 1))
        #expect(config.logging == LoggingConfig(level: .trace, format: .text))
        #expect(
            config.bootstrap
                == BootstrapConfig(adminToken: .env("GH_TOKEN"), adminGroups: ["platform-ops"]))
    }

    @Test("rules: ids default to their place, single strings are accepted, file order is kept")
    func rules() throws {
        let config = try parse(
            """
            version: 1
            groups:
              zeta:
                rules:
                  - effect: allow
                    actions: model.use
                  - id: zeta-no-latest
                    effect: deny
                    actions: image.*
                    resources: "docker.io/*:latest"
                    reason: Pin versions.
                    obligations: {inject_token: env:ZETA_TOKEN, budget: "100"}
              alpha:
                description: First by name, second in the file.
                rules: []
            """)
        #expect(config.groups.map(\.name) == ["zeta", "alpha"])
        #expect(
            config.groups[1]
                == GroupPolicy(
                    name: "alpha", description: "First by name, second in the file.", rules: []))
        #expect(
            config.groups[0].rules == [
                PolicyRule(
                    id: "groups.zeta.rules[0]", effect: .allow, actions: [Glob("model.use")]),
                PolicyRule(
                    id: "zeta-no-latest", effect: .deny, actions: [Glob("image.*")],
                    resources: [Glob("docker.io/*:latest")], reason: "Pin versions.",
                    obligations: ["inject_token": "env:ZETA_TOKEN", "budget": "100"]),
            ])
        #expect(config.policy.groups.keys.sorted() == ["alpha", "zeta"])
    }

    @Test("anchors, aliases and merge keys work")
    func aliasesAndMerges() throws {
        let config = try parse(
            """
            version: 1
            logging: {<<: {level: debug, format: text}, format: json}
            groups:
              developers:
                rules: &build
                  - effect: allow
                    actions: [model.use, tool.*]
              contractors:
                rules: *build
            """)
        #expect(config.logging == LoggingConfig(level: .debug, format: .json))
        #expect(
            config.groups.map { $0.rules.map(\.id) } == [
                ["groups.developers.rules[0]"], ["groups.contractors.rules[0]"],
            ])
        #expect(config.groups[1].rules[0].actions == [Glob("model.use"), Glob("tool.*")])
    }

    @Test("a JSON file is a YAML file")
    func json() throws {
        let config = try parse(
            #"{"version": 1, "server": {"port": 9000}, "groups": {"ops": {"rules": "#
                + #"[{"effect": "allow", "actions": ["*"], "resources":["a"]}]}}}"#)
        #expect(config.server.port == 9000)
        #expect(config.groups.first?.rules.first?.resources == [Glob("a")])
    }

    @Test("YAML 1.1 booleans and dates stay strings")
    func coreSchema() throws {
        let config = try parse(
            "version: 1\ngroups:\n  on:\n    description: 2024-01-01\n    rules: []\n")
        #expect(config.groups == [GroupPolicy(name: "on", description: "2024-01-01", rules: [])])
    }

    @Test(
        "sqlite and postgres URLs are accepted",
        arguments: [
            "sqlite:gatehouse.db", "sqlite:/var/lib/gatehouse/gh.db", "postgres://db",
            "postgres://gh@db:5432/gh",
            "postgresql://gh@db.internal/gatehouse?sslmode=verify-full",
        ])
    func storeURLs(_ url: String) throws {
        #expect(try parse("version: 1\nstore: {url: \"\(url)\"}\n").store.url == url)
    }
}
