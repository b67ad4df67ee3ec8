import ArgumentParser
import AsyncHTTPClient
import Foundation

extension MCPCommand {
    /// `gatehouse mcp connect`: the stdio bridge an IDE starts (see `MCPBridge`).
    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bridge an MCP client on standard input and output to the gateway (what IDEs start).",
            discussion: """
                Reads JSON-RPC messages, one a line, on standard input and writes the server's, one a line, on \
                standard output; notes go to standard error. Ends the session and exits 0 when standard input ends.
                """)

        @OptionGroup var server: ServerOptions
        @OptionGroup var profile: MCPProfileOption

        func run() async throws {
            let client: ServerClient
            do {
                client = try server.client()
            } catch let failure as CLIFailure {
                printError("gatehouse: \(failure.description)")
                throw ExitCode(1)
            }
            guard let token = client.token else { throw ExitCode(1) }
            // The client may go away first: a write to it then fails instead of killing us.
            signal(SIGPIPE, SIG_IGN)
            let endpoint = client.base.appendingPathComponent("mcp").appendingPathComponent(profile.profile)
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: MCPHTTP.configuration)
            let bridge = MCPBridge(
                http: http, endpoint: endpoint.absoluteString, token: token, serverName: client.base.absoluteString)
            let (stops, sources) = BridgeInput.stops()
            await bridge.run(lines: BridgeInput.lines(), stops: stops)
            try? await http.shutdown()
            for source in sources { source.cancel() }
        }
    }
}
