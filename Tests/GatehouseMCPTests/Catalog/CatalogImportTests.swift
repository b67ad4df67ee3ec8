import Testing

@testable import GatehouseMCP

@Suite("Catalog: importing skips unsupported servers")
struct CatalogImportTests {
    static let mixed = """
        name: docker-mcp
        registry:
          time:
            image: mcp/time
          hub-tools:
            type: poci
            tools:
              - name: curl
                container: {image: alpine/curl, command: ["{{url}}"]}
                parameters: {type: object, properties: {url: {type: string, description: The URL}}, required: [url]}
          legacy:
            type: remote
            remote: {url: "https://legacy.example/sse", transport_type: sse}
          old-sse:
            sseEndpoint: https://old.example/sse
          writer:
            image: mcp/filesystem
            volumes: ["/home:/home:rw"]
          apify:
            remote: {url: "https://mcp.apify.com", transport_type: http}
        """

    @Test func unsupportedServersAreSkippedWithTheirReasons() throws {
        let catalog = try MCPCatalog.parse(yaml: Self.mixed, file: "docker-mcp.yaml", options: .importing)
        #expect(catalog.servers.map(\.name) == ["time", "apify"])
        #expect(
            catalog.skipped == [
                "hub-tools": "per-tool containers (type: poci) are not supported",
                "legacy":
                    "the SSE transport is not supported; Gatehouse reaches remote servers over streamable HTTP (transport_type: streamable-http)",
                "old-sse":
                    "the SSE transport (sseEndpoint) is not supported; Gatehouse reaches remote servers over streamable HTTP",
                "writer":
                    "writable volumes (:rw) are not supported: servers see host files read-only, and only the workspace is writable",
            ])
    }

    @Test func withoutImportingTheFirstUnsupportedServerFails() {
        #expect(
            catalogError(Self.mixed)
                == "catalog.yaml:6: registry.hub-tools.type: per-tool containers (type: poci) are not supported")
    }

    @Test func malformedServersStillFailAnImport() {
        let text = "registry:\n  p:\n    type: poci\n  s:\n    image: a\n    tools: [{name: \"no spaces\"}]\n"
        #expect(
            catalogError(text, options: .importing)
                == #"catalog.yaml:6: registry.s.tools[0].name: invalid tool name "no spaces" (expected 1 to 128 letters, digits, '_', '.' or '-')"#
        )
        #expect(
            catalogError("registry:\n  p:\n    type: poci\n    bogus: 1\n", options: .importing)?.contains(
                #"unknown key "bogus""#) == true)
    }

    @Test func theKindIsDecidedBeforeTheRestIsRead() throws {
        let text = "registry:\n  p:\n    type: poci\n    secrets: [{nope: 1}]\n    env: 5\n"
        let catalog = try MCPCatalog.parse(yaml: text, file: "c.yaml", options: .importing)
        #expect(catalog.servers.isEmpty)
        #expect(catalog.skipped == ["p": "per-tool containers (type: poci) are not supported"])
    }

    @Test func theErrorSaysItIsUnsupported() {
        do {
            _ = try MCPCatalog.parse(yaml: "registry:\n  p:\n    type: poci\n", file: "c.yaml")
            Issue.record("parsed")
        } catch {
            #expect(error.isUnsupported)
        }
    }
}
