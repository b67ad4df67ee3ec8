import Foundation
import GatehouseTestSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A live server with an MCP catalog of the real `mcp-server-time` (from
/// scripts/mcp-servers.sh), and the official Python MCP client to talk to it.
enum MCPHarness {
    struct Tools {
        let client: String
        let script: String
        let timeVenv: String
    }

    /// The client and server venvs, or a skip naming what is missing.
    static func tools() throws -> Tools {
        let environment = ProcessInfo.processInfo.environment
        guard let client = environment["GATEHOUSE_TEST_MCP_CLIENT"],
            let script = environment["GATEHOUSE_TEST_MCP_CLIENT_SCRIPT"],
            let time = environment["GATEHOUSE_TEST_MCP_TIME_VENV"], FileManager.default.fileExists(atPath: client)
        else {
            try Test.cancel("the MCP test servers are not installed: run scripts/test-deps.sh (GATEHOUSE_TEST_MCP_*)")
        }
        return Tools(client: client, script: script, timeVenv: time)
    }

    /// A configuration whose catalog (written to `directory`) has the time server; the admin
    /// may do everything but call `time/convert_time`.
    /// `servers` adds catalog entries (YAML, indented as the `time` entry).
    static func config(_ tools: Tools, directory: String, extra: String = "", servers: String = "") throws -> String {
        let catalog = directory + "/catalog.yaml"
        try """
        registry:
          time:
            type: command
            description: Current time and time-zone conversion.
            command: [\(tools.timeVenv)/bin/mcp-server-time, --local-timezone, UTC]
            paths: [\(tools.timeVenv)]
            pool: {max: 2, idle_seconds: 60}
        \(servers)
        """.write(toFile: catalog, atomically: true, encoding: .utf8)
        return ServerHarness.config.replacingOccurrences(
            of: "groups:\n  admins:\n    rules:\n",
            with: """
                mcp:
                  catalogs: [\(catalog)]
                  allowed_origins: [https://ide.example.com]
                \(extra)
                groups:
                  admins:
                    rules:
                      - {id: no-convert, effect: deny, actions: [tool.call], resources: [time/convert_time]}

                """)
    }

    /// `mcp` keys for ``addRemoteCatalog(_:port:)``: the secret the remote server is reached with
    /// and the `local` profile it serves.
    static let remoteExtra = """
          secrets:
            upstream.token: env:GATEHOUSE_ADMIN_TOKEN
          profiles:
            local: {servers: [time]}
        """

    /// Imports a catalog `remote` with one `remote` server `upstream`: this same Gatehouse's
    /// `/mcp/local` on `port` (configured with ``remoteExtra``).
    static func addRemoteCatalog(_ client: any TestClientProtocol, port: Int) async throws {
        let yaml = """
            registry:
              upstream:
                type: remote
                remote:
                  url: http://127.0.0.1:\(port)/mcp/local
                  transport_type: streamable-http
                  headers: {Authorization: "Bearer ${UPSTREAM_TOKEN}"}
                secrets: [{name: upstream.token, env: UPSTREAM_TOKEN}]
            """
        let body = try JSONSerialization.data(withJSONObject: ["name": "remote", "yaml": yaml])
        try await client.execute(
            uri: "/api/v1/mcp/catalogs", method: .post, headers: MCPSessionTests.headers(),
            body: ByteBuffer(bytes: body)
        ) { #expect($0.status == .ok) }
    }

    /// Runs the Python client; returns its exit status and the JSON it printed.
    static func client(_ tools: Tools, port: Int, token: String?, path: String = "/mcp", _ arguments: [String])
        async throws -> (Int32, [String: Any])
    {
        var transport = ["--http", "http://127.0.0.1:\(port)\(path)", "--timeout", "60"]
        var environment: [String: String] = [:]
        if let token {
            // From the environment, never the command line (which every user can read).
            transport += ["--token-env", "GATEHOUSE_TEST_MCP_TOKEN"]
            environment["GATEHOUSE_TEST_MCP_TOKEN"] = token
        }
        let (status, output) = try await ChildProcess.run(
            tools.client, [tools.script] + transport + arguments, environment: environment)
        // The JSON object is the line that starts with "{"; diagnostics are on other lines.
        let line = output.split(separator: "\n").first { $0.hasPrefix("{") }.map(String.init) ?? "{}"
        let json = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
        return (status, json)
    }
}
