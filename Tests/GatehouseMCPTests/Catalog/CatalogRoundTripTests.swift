import GatehouseCore
import Testing

@testable import GatehouseMCP

@Suite("Catalog: canonical YAML and merging")
struct CatalogRoundTripTests {
    @Test(arguments: [CatalogFixtures.docker, CatalogFixtures.ours])
    func yamlReadsBackToAnEqualCatalog(_ text: String) throws {
        let catalog = try MCPCatalog.parse(yaml: text, file: "in.yaml")
        let written = catalog.yaml()
        let reread = try MCPCatalog.parse(yaml: written, file: "out.yaml")
        #expect(reread == catalog, "\(written)")
        #expect(reread.yaml() == written, "the canonical form is stable")
    }

    @Test func awkwardStringsSurviveTheRoundTrip() throws {
        var server = CatalogServer(
            name: "s", kind: .command(["/bin/tool", "", "true", "123", "1e5", "null", "~", "yes"]))
        server.title = "2025-06-12T18:00:16Z"
        server.description = "line one\nline two: with a colon\n  and # not a comment"
        server.env = [.init(name: "EMPTY", value: ""), .init(name: "QUOTE", value: "it's \"quoted\" \\ {{x}}")]
        server.config = [
            ["n": .null, "f": .number(2.0), "i": 3, "big": .integer(Int64.max), "s": "0x1F", "a": [true, "<<"]]
        ]
        server.tools = [CatalogTool(name: "t", description: "  leading spaces", arguments: [])]
        server.limits = .init(cpus: 2)
        server.oauth = [:]
        let catalog = MCPCatalog(name: "on", displayName: "=", servers: [server])
        let reread = try MCPCatalog.parse(yaml: catalog.yaml(), file: "out.yaml")
        #expect(reread == catalog, "\(catalog.yaml())")
    }

    @Test func theCanonicalFormIsReadable() throws {
        let catalog = try MCPCatalog.parse(
            yaml: "registry:\n  time:\n    image: mcp/time\n    secrets: [{name: a.b, env: A}]\n", file: "in.yaml")
        #expect(
            catalog.yaml() == """
                registry:
                  time:
                    type: server
                    image: mcp/time
                    secrets:
                    - name: a.b
                      env: A

                """)
    }

    @Test func laterCatalogsWinByServerName() throws {
        let base = try MCPCatalog.parse(
            yaml: "name: base\ndisplayName: Base\nregistry:\n  a: {image: a1}\n  b: {image: b1}\n  c: {image: c1}\n",
            file: "base.yaml")
        let team = try MCPCatalog.parse(
            yaml:
                "name: team\nregistry:\n  b: {image: b2, title: Team B}\n  d: {image: d2}\n  p: {type: poci}\n  c: {type: poci}\n",
            file: "team.yaml", options: .importing)
        let merged = base.merged(with: team)
        #expect(merged.name == "team")
        #expect(merged.displayName == "Base")
        #expect(merged.servers.map(\.name) == ["a", "b", "c", "d"])
        #expect(merged.server(named: "b")?.kind == .image(reference: "b2", arguments: []))
        #expect(merged.server(named: "b")?.title == "Team B")
        #expect(
            merged.server(named: "c")?.kind == .image(reference: "c1", arguments: []),
            "a skipped server replaces nothing")
        #expect(Array(merged.skipped.keys) == ["p"])
        #expect(team.merged(with: base).server(named: "b")?.kind == .image(reference: "b1", arguments: []))
    }
}
