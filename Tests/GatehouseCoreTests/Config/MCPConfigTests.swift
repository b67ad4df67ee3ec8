import GatehouseCore
import Testing

/// The `mcp` section.
@Suite struct MCPConfigTests {
    @Test func everyKeyIsRead() throws {
        let config = try ConfigParser.parse(
            """
            version: 1
            mcp:
              catalogs: [/etc/gatehouse/catalog.yaml]
              catalog_dir: /var/lib/gatehouse/catalogs
              secrets:
                github.personal_access_token: env:GITHUB_TOKEN
              profiles:
                dev:
                  description: Everyday tools.
                  servers: [time, git]
                  tools: {allow: ["*"], deny: [git/git_reset]}
              pool: {max_sessions: 2, calls_per_session: 4, idle_seconds: 30, call_timeout_seconds: 20}
              results: block
              tool_list_limit: 10
              allowed_origins: [https://ide.example.com/]
              isolation: namespaces
              interceptors:
                - {name: audit-hook, when: before, http: https://hooks.example.com/mcp, tools: [git/*]}
                - {name: length, when: after, exec: [/usr/bin/jq, -c, .], timeout_seconds: 5}
            """, file: "g.yaml")
        let mcp = config.mcp
        #expect(mcp.catalogs == ["/etc/gatehouse/catalog.yaml"])
        #expect(mcp.catalogDir == "/var/lib/gatehouse/catalogs")
        #expect(mcp.secrets == ["github.personal_access_token": .env("GITHUB_TOKEN")])
        #expect(
            mcp.profiles == [
                MCPProfileConfig(
                    name: "dev", description: "Everyday tools.", servers: ["time", "git"], deny: ["git/git_reset"])
            ])
        #expect(mcp.maxSessions == 2 && mcp.callsPerSession == 4 && mcp.idleSeconds == 30)
        #expect(mcp.callTimeoutSeconds == 20 && mcp.results == "block" && mcp.toolListLimit == 10)
        #expect(mcp.allowedOrigins == ["https://ide.example.com"])
        #expect(mcp.isolation == "namespaces")
        #expect(
            mcp.interceptors == [
                MCPInterceptorConfig(
                    name: "audit-hook", when: "before", http: "https://hooks.example.com/mcp", tools: ["git/*"]),
                MCPInterceptorConfig(
                    name: "length", when: "after", exec: ["/usr/bin/jq", "-c", "."], timeoutSeconds: 5),
            ])
    }

    @Test(arguments: [
        "catalogs: [relative.yaml]",
        "secrets: {github.token: ghp_inline_value}",
        "results: drop",
        "isolation: container",
        "allowed_origins: [ide.example.com]",
        "pool: {max_sessions: 0}",
        "interceptors: [{name: x, when: during, http: https://a}]",
        "interceptors: [{name: x, when: before}]",
        "interceptors: [{name: x, when: before, http: https://a, exec: [/bin/true]}]",
        "interceptors: [{name: x, when: before, http: ftp://a}]",
        "profiles: {dev: {tools: {allow: [\"*\"]}}}",
        "profiles: {dev: {servers: [a], extra: 1}}",
    ])
    func mistakesAreRefused(_ line: String) {
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("version: 1\nmcp:\n  \(line)\n", file: "g.yaml")
        }
    }
}
