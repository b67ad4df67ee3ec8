import Testing

@testable import GatehouseCore

@Suite("Malformed configurations")
struct ConfigParserMalformedTests {
    static let allCases =
        MalformedConfig.keyCases + MalformedConfig.valueCases + MalformedConfig.ruleCases

    @Test("each malformed file gets its exact diagnostics", arguments: allCases)
    func exactDiagnostics(_ config: MalformedConfig) {
        #expect(ConfigTestSupport.diagnostics(config.yaml) == config.expected)
    }

    @Test(
        "secret values never appear in any message",
        arguments: allCases.filter { $0.yaml.contains("hunter2") })
    func secretsAreNotEchoed(_ config: MalformedConfig) throws {
        let error = try #require(throws: ConfigError.self) {
            try ConfigParser.parse(config.yaml, file: ConfigTestSupport.file)
        }
        #expect(!error.diagnostics.isEmpty)
        #expect(!error.description.contains("hunter2"))
        for diagnostic in error.diagnostics {
            #expect(!diagnostic.message.contains("hunter2"))
            #expect(!diagnostic.path.contains("hunter2"))
        }
    }

    @Test("every problem in a file is reported, in file order")
    func severalErrors() {
        let yaml = """
            version: 1
            server:
              port: 0
              hots: localhost
            store:
              url: postgres://gh:hunter2@db/gh
              max_connections: many
            logging:
              level: loud
            bootstrap:
              admin_token: hunter2
            groups:
              developers:
                description: [not, a, string]
                rules:
                  - id: dev
                    effect: allow
                    actions: [model.use, sandbox.stat, "egress.*", "nothing.*"]
                    resources: []
                  - id: dev
                    actions: tool.call
            """
        #expect(
            ConfigTestSupport.diagnostics(yaml) == [
                "gatehouse.yaml:3: server.port: 0 is out of range (expected 1...65535)",
                #"gatehouse.yaml:4: server.hots: unknown key (did you mean "host"?)"#,
                "gatehouse.yaml:6: store.url: inline secrets are not allowed; use store.password: env:NAME",
                #"gatehouse.yaml:7: store.max_connections: expected an integer, found a string ("many")"#,
                "gatehouse.yaml:9: logging.level: invalid value \"loud\" "
                    + "(expected one of: trace, debug, info, notice, warning, error, critical)",
                "gatehouse.yaml:11: bootstrap.admin_token: secrets must be references (env:NAME or file:PATH), "
                    + "not inline values",
                "gatehouse.yaml:14: groups.developers.description: expected a string, found a sequence",
                #"gatehouse.yaml:18: groups.developers.rules[0].actions[1]: unknown action "sandbox.stat" "#
                    + #"(did you mean "sandbox.start"?)"#,
                #"gatehouse.yaml:18: groups.developers.rules[0].actions[3]: pattern "nothing.*" matches no action"#,
                "gatehouse.yaml:19: groups.developers.rules[0].resources: expected at least one resource pattern",
                #"gatehouse.yaml:20: groups.developers.rules[1]: missing required key "effect""#,
                #"gatehouse.yaml:20: groups.developers.rules[1].id: duplicate rule id "dev" "#
                    + "(also used by groups.developers.rules[0].id on line 16)",
            ])
    }

    @Test("a diagnostic without a line or a path leaves them out")
    func descriptionForms() {
        #expect(
            ConfigDiagnostic(file: "a.yaml", line: 3, path: "x.y", message: "m").description
                == "a.yaml:3: x.y: m")
        #expect(
            ConfigDiagnostic(file: "a.yaml", line: 3, message: "m").description == "a.yaml:3: m")
        #expect(
            ConfigDiagnostic(file: "a.yaml", path: "x", message: "m").description == "a.yaml: x: m")
        #expect(ConfigDiagnostic(file: "a.yaml", message: "m").description == "a.yaml: m")
        let error = ConfigError(diagnostics: [
            ConfigDiagnostic(file: "a.yaml", line: 1, message: "one"),
            ConfigDiagnostic(file: "a.yaml", line: 2, message: "two"),
        ])
        #expect(error.description == "a.yaml:1: one\na.yaml:2: two")
    }
}
