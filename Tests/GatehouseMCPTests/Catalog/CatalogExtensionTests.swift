import GatehouseCore
import Testing

@testable import GatehouseMCP

@Suite("Catalog: Gatehouse's extensions")
struct CatalogExtensionTests {
    let catalog: MCPCatalog

    init() throws {
        catalog = try MCPCatalog.parse(yaml: CatalogFixtures.ours, file: "catalog.yaml")
    }

    @Test func readsACommandServerWithPathsAndWorkdir() throws {
        let server = try #require(catalog.server(named: "py-tools"))
        #expect(server.kind == .command(["/opt/venv/bin/python", "-m", "tools.server"]))
        #expect(server.paths == ["/opt/venv", "/srv/tools"])
        #expect(server.workdir == "/srv/tools")
        #expect(server.isolation == .gvisor)
        #expect(server.prefix == "py")
    }

    @Test func readsTheMapFormOfTheEnvironmentInFileOrder() throws {
        let server = try #require(catalog.server(named: "py-tools"))
        #expect(
            server.env == [
                .init(name: "PYTHONUNBUFFERED", value: "1"), .init(name: "LOG_LEVEL", value: "info"),
                .init(name: "TOKEN_HEADER", value: "Bearer ${API_TOKEN}"),
            ])
    }

    @Test func readsSecretReferences() throws {
        let server = try #require(catalog.server(named: "py-tools"))
        #expect(
            server.secrets == [
                .init(name: "tools.api_token", env: "API_TOKEN", from: "env:TOOLS_API_TOKEN", required: true)
            ])
    }

    @Test func readsLimitsAndPool() throws {
        let server = try #require(catalog.server(named: "py-tools"))
        #expect(
            server.limits
                == .init(memoryBytes: 512 << 20, pids: 64, cpus: 0.5, cpuSeconds: 120, callTimeoutSeconds: 30))
        #expect(server.pool == .init(max: 4, idleSeconds: 300))
        let files = try #require(catalog.server(named: "files"))
        #expect(files.limits == .init(memoryBytes: 1 << 30))
        #expect(files.pool == .init(max: 1, idleSeconds: nil))
    }

    @Test func readsToolSchemasAndAnnotations() throws {
        let tool = try #require(catalog.server(named: "py-tools")?.tools.first)
        #expect(tool.name == "run_query")
        #expect(tool.annotations == ["title": "Run query", "readOnlyHint": true])
        #expect(
            tool.inputSchema
                == [
                    "type": "object", "properties": ["sql": ["type": "string", "description": "The query"]],
                    "required": ["sql"],
                ])
    }

    @Test func readsHostsOfEveryForm() throws {
        let server = try #require(catalog.server(named: "py-tools"))
        #expect(server.allowHosts == ["*.pypi.org", "files.pythonhosted.org:443", "[2001:db8::1]:8443", "10.0.0.7"])
    }

    @Test func readsReadOnlyVolumesAndContainerSettings() throws {
        let files = try #require(catalog.server(named: "files"))
        #expect(files.kind == .image(reference: "mcp/filesystem", arguments: ["/data"]))
        #expect(files.volumes == ["/srv/data:/data:ro", "/srv/more:/more", "{{filesystem.paths|volume}}"])
        #expect(files.disableNetwork)
        #expect(files.longLived)
    }

    static let sizes: [(String, Int64)] = [
        ("512M", 512 << 20), ("512m", 512 << 20), ("2G", 2 << 30), ("1GiB", 1 << 30), ("1.5G", 3 << 29),
        ("1048576", 1 << 20), ("4096k", 4 << 20),
    ]

    @Test(arguments: sizes)
    func readsMemorySizes(_ text: String, _ bytes: Int64) {
        #expect(CatalogChecks.memoryBytes(text) == bytes)
    }

    @Test func memorySizesThatAreNotSizes() {
        for text in ["", "M", "12X", "-5M", "1.5"] {
            #expect(CatalogChecks.memoryBytes(text) == nil, "\(text)")
        }
    }
}
