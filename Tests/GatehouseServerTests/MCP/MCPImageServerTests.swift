import Foundation
import GatehouseCore
import GatehouseRegistry
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import GatehouseServer

/// Image tool servers end to end: the image (`test/mcp-echo:1`, busybox and an awk MCP server,
/// built by scripts/registry-test.sh) is pulled from the CNCF registry through the registry
/// proxy's rules as `mcp:SERVER`, unpacked, and run in a sandbox whose root it is; the official
/// Python MCP client calls it through `/mcp`.
@Suite struct MCPImageServerTests {
    static func config(directory: String, registry: String, registryExtra: String = "") throws -> String {
        let catalog = directory + "/catalog.yaml"
        try """
        registry:
          echo:
            image: \(registry)/test/mcp-echo:1
            command: [SUFFIX=from-catalog]
            env: [{name: GREETING, value: hello}]
          plain:
            image: \(registry)/test/busybox:1
        """.write(toFile: catalog, atomically: true, encoding: .utf8)
        return RegistryRoutesTests.config(
            signatureKey: nil, registryExtra: registryExtra + "mcp:\n  catalogs: [\(catalog)]\n",
            groupExtra: """
                  mcp-servers:
                    rules:
                      - {id: tool-images, effect: allow, actions: [image.pull], resources: ["127.0.0.1:*/test/mcp-echo*"]}

                """)
    }

    static func withImageServer(
        registryExtra: String = "",
        _ body: @escaping @Sendable (ServerHarness.Context, MCPHarness.Tools, Int) async throws -> Void
    ) async throws {
        let tools = try MCPHarness.tools()
        let registry = try RegistryRoutesTests.upstream()
        try await SandboxRoutesTests.requireBackend()
        let directory = NSTemporaryDirectory() + "gatehouse-mcp-image-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try Self.config(directory: directory, registry: registry, registryExtra: registryExtra)
        try await ServerHarness.withServer(config: config) { context in
            try await body(context, tools, try #require(context.client.port))
        }
    }

    static func text(_ call: [String: Any]) -> String? {
        let content = (call["result"] as? [String: Any])?["content"] as? [[String: Any]]
        return content?.first?["text"] as? String
    }

    @Test func anImageServerRunsFromItsUnpackedImageWithTheCatalogsEnvironmentAndArguments() async throws {
        try await Self.withImageServer { context, tools, port in
            let token = ServerHarness.adminToken
            let (listed, list) = try await MCPHarness.client(tools, port: port, token: token, ["list-tools"])
            #expect(listed == 0)
            let names = (list["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names).isSuperset(of: ["echo__echo", "echo__env", "echo__look", "echo__whoami"]), "\(names)")

            let (called, echo) = try await MCPHarness.client(
                tools, port: port, token: token, ["call", "echo__echo", #"{"text":"through the gateway"}"#])
            #expect(called == 0)
            #expect(Self.text(echo) == "through the gateway")
            // The catalog's env over the image's Env; the catalog's command replaces the image's Cmd.
            let (_, env) = try await MCPHarness.client(tools, port: port, token: token, ["call", "echo__env", "{}"])
            #expect(Self.text(env) == "hello from-image from-catalog")
            // The root is the image (and the sandbox's mount points), nothing of the host's.
            let (_, look) = try await MCPHarness.client(tools, port: port, token: token, ["call", "echo__look", "{}"])
            let seen = Set((Self.text(look) ?? "").split(separator: " ").map(String.init))
            #expect(seen.isSuperset(of: ["bin", "srv", "proc", "dev", "tmp"]), "\(seen)")
            #expect(seen.isDisjoint(with: ["usr", "home", "root", "etc"]), "\(seen)")

            // It runs as the image's User (4242:4343), inside its own user namespace.
            let (_, who) = try await MCPHarness.client(tools, port: port, token: token, ["call", "echo__whoami", "{}"])
            #expect(Self.text(who) == "4242 4343")

            let pulls = try await Self.pullRecords(context)
            let echoPull = pulls.first { $0.subject == "mcp:echo" }
            #expect(echoPull?.decision == "allow" && echoPull?.rule == "tool-images")
            #expect(echoPull?.resource.contains("/test/mcp-echo@sha256:") == true, "the digest that runs is recorded")
            // The other server's image is not granted to tool servers: refused by default, and
            // recorded, while the granted server went on working.
            let plainPull = pulls.first { $0.subject == "mcp:plain" }
            #expect(plainPull?.decision == "deny" && plainPull?.rule == "default-deny")
            #expect(!names.contains { $0.hasPrefix("plain__") })
        }
    }

    @Test func theRegistrysImageRulesApplyToToolServersToo() async throws {
        // Hardened images only: the fixture has a shell, so its server never starts.
        let hardened = """
              hardened:
                - {id: no-shells, repositories: ["127.0.0.1:*/test/mcp-echo*"], require: [no_shell]}

            """
        try await Self.withImageServer(registryExtra: hardened) { context, tools, port in
            let (listed, list) = try await MCPHarness.client(
                tools, port: port, token: ServerHarness.adminToken, ["list-tools"])
            #expect(listed == 0)
            let names = (list["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(!names.contains { $0.hasPrefix("echo__") })
            let pulls = try await Self.pullRecords(context)
            let echoPull = pulls.first { $0.subject == "mcp:echo" }
            #expect(echoPull?.decision == "deny" && echoPull?.rule == "no-shells")
            #expect(echoPull?.reason.contains("no_shell") == true)
        }
    }

    @Test func dockerShortNamesAreReadAsDockerReadsThem() {
        #expect(ImageReference.qualified("mcp/time") == "docker.io/mcp/time")
        #expect(ImageReference.qualified("alpine:3") == "docker.io/library/alpine:3")
        #expect(ImageReference.qualified("ghcr.io/org/tool:1") == "ghcr.io/org/tool:1")
        #expect(ImageReference.qualified("127.0.0.1:5000/x/y") == "127.0.0.1:5000/x/y")
        #expect(ImageReference.qualified("localhost/x") == "localhost/x")
    }

    struct Record: Decodable {
        let subject: String
        let resource: String
        let decision: String
        let rule: String
        let reason: String
    }

    struct Page: Decodable {
        let records: [Record]
    }

    static func pullRecords(_ context: ServerHarness.Context) async throws -> [Record] {
        try await context.client.execute(
            uri: "/api/v1/audit?action=image.pull&limit=100", method: .get,
            headers: ServerHarness.bearer(ServerHarness.adminToken)
        ) { response in
            #expect(response.status == .ok)
            return try ServerHarness.decode(Page.self, response.body).records
        }
    }
}
