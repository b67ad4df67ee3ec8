import GatehouseCore
import Testing

@testable import GatehouseMCP

@Suite("Catalog: Docker's format")
struct CatalogDockerTests {
    let catalog: MCPCatalog

    init() throws {
        catalog = try MCPCatalog.parse(yaml: CatalogFixtures.docker, file: "docker-mcp.yaml")
    }

    @Test func readsTheTopLevelAndKeepsFileOrder() {
        #expect(catalog.name == "docker-mcp")
        #expect(catalog.displayName == "Docker MCP Catalog")
        #expect(catalog.servers.map(\.name) == ["time", "fetch", "github-official", "clickhouse", "apify"])
        #expect(catalog.skipped.isEmpty)
        #expect(catalog.warnings.isEmpty)
    }

    @Test func anImageWithoutATypeIsAContainerServer() throws {
        let time = try #require(catalog.server(named: "time"))
        #expect(
            time.kind
                == .image(
                    reference: "mcp/time@sha256:9c46a918633fb474bf8035e3ee90ebac6bcf2b18ccb00679ac4c179cba0ebfcf",
                    arguments: []))
        #expect(time.title == nil)
        #expect(time.tools.isEmpty)
    }

    @Test func readsTitlesAndIgnoresPublishedOnlyKeys() throws {
        let fetch = try #require(catalog.server(named: "fetch"))
        #expect(fetch.kind == .image(reference: "mcp/fetch", arguments: []))
        #expect(fetch.title == "Fetch (Reference)")
        #expect(fetch.description == "Fetches a URL from the internet and extracts its contents as markdown.")
    }

    @Test func readsSecretsOAuthAndAllowedHosts() throws {
        let github = try #require(catalog.server(named: "github-official"))
        #expect(
            github.secrets == [
                CatalogServer.SecretBinding(
                    name: "github.personal_access_token", env: "GITHUB_PERSONAL_ACCESS_TOKEN", example: "<YOUR_TOKEN>")
            ])
        #expect(github.allowHosts == ["api.github.com:443", "github.com:443", "raw.githubusercontent.com:443"])
        let provider: JSONValue = [
            "provider": "github", "secret": "github.personal_access_token", "env": "GITHUB_PERSONAL_ACCESS_TOKEN",
        ]
        #expect(github.oauth == ["providers": [provider]])
    }

    @Test func readsToolsEnvironmentTemplatesAndConfig() throws {
        let clickhouse = try #require(catalog.server(named: "clickhouse"))
        #expect(clickhouse.tools.map(\.name) == ["list_databases", "list_tables", "run_select_query"])
        #expect(
            clickhouse.env == [
                .init(name: "CLICKHOUSE_HOST", value: "{{clickhouse.host}}"),
                .init(name: "CLICKHOUSE_PORT", value: "8443"),
                .init(name: "CLICKHOUSE_DSN", value: "clickhouse://default:${CLICKHOUSE_PASSWORD}@{{clickhouse.host}}"),
            ])
        let schema: JSONValue = [
            "name": "clickhouse", "description": "Configure the connection to ClickHouse", "type": "object",
            "properties": ["host": ["type": "string"], "port": ["type": "string"]],
        ]
        #expect(clickhouse.config == [schema])
    }

    @Test func readsARemoteServerWithHeaders() throws {
        let apify = try #require(catalog.server(named: "apify"))
        #expect(
            apify.kind
                == .remote(
                    url: "https://mcp.apify.com", transport: .streamableHTTP,
                    headers: ["Authorization": "Bearer ${APIFY_API_KEY}"]))
        #expect(apify.title == nil, "docker writes empty titles; they read as unset")
        #expect(apify.secrets.map(\.env) == ["APIFY_API_KEY"])
    }

    @Test(arguments: ["http", "streamable", "streaming", "streamable-http", "HTTP", ""])
    func acceptsDockersStreamableTransportNames(_ transport: String) throws {
        let text = """
            registry:
              r:
                remote: {url: "http://localhost:8080/mcp", transport_type: "\(transport)"}
            """
        let server = try #require(try MCPCatalog.parse(yaml: text, file: "c.yaml").servers.first)
        #expect(server.kind == .remote(url: "http://localhost:8080/mcp", transport: .streamableHTTP, headers: [:]))
    }

    @Test func acceptsDockersArgumentListsParametersAndPolicies() throws {
        let text = """
            registry:
              s:
                image: mcp/s
                policy: {allowed: true}
                extraHosts: []
                user: ""
                tools:
                  - name: search
                    description: ""
                    arguments: [{name: q, type: string, desc: The query, optional: false}]
                    parameters: {type: object, properties: {q: {type: string}}, required: [q]}
                    annotations: {readOnlyHint: true}
                    policy: {allowed: true}
            policy: {allowed: true, reason: ok}
            """
        let catalog = try MCPCatalog.parse(yaml: text, file: "c.yaml")
        let tool = try #require(catalog.servers.first?.tools.first)
        #expect(tool.description == nil)
        #expect(tool.arguments == [["name": "q", "type": "string", "desc": "The query", "optional": false]])
        #expect(tool.inputSchema == ["type": "object", "properties": ["q": ["type": "string"]], "required": ["q"]])
        #expect(tool.annotations == ["readOnlyHint": true])
        #expect(catalog.warnings.isEmpty, "empty extraHosts and user ask for nothing")
    }

    @Test func warnsAboutExtraHostsAndUser() throws {
        let text = """
            registry:
              s:
                image: mcp/s
                extraHosts: ["db:10.0.0.2"]
                user: "1000:1000"
            """
        let catalog = try MCPCatalog.parse(yaml: text, file: "c.yaml")
        #expect(
            catalog.warnings == [
                "c.yaml:4: registry.s.extraHosts: extra host entries are not supported; ignored",
                "c.yaml:5: registry.s.user: user is not supported (servers run as an unprivileged user); ignored",
            ])
        #expect(catalog.servers.count == 1)
    }
}
