import ArgumentParser
import Foundation

extension MCPCommand {
    /// `gatehouse mcp client-config`: prints the entry to paste into an IDE's or agent's MCP
    /// configuration (the snippet on standard output, where it goes on standard error).
    struct ClientConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "client-config",
            abstract:
                "Print the configuration an MCP client (VS Code, Cursor, Claude, Codex) needs to use the gateway.",
            discussion: """
                By default the client starts `gatehouse mcp connect`, which signs in with your stored CLI \
                credential. With --http the client talks to the server directly and sends the token it finds \
                in GATEHOUSE_TOKEN; the token itself is never printed.
                """)

        @OptionGroup var server: ServerOptions
        @Option(help: "The client: \(MCPClientSnippet.Client.allCases.map(\.rawValue).joined(separator: ", ")).")
        var client: MCPClientSnippet.Client
        @OptionGroup var profile: MCPProfileOption
        @Flag(help: "Let the client use streamable HTTP itself instead of the stdio bridge.") var http = false
        @Option(help: "The server's name in the client's configuration.") var name = "gatehouse"

        func validate() throws {
            guard MCPClientSnippet.isValidName(name) else {
                throw ValidationError("--name must be 1 to 64 letters, digits, '-' or '_'")
            }
        }

        func run() async throws {
            try await MCPCommand.reporting {
                let transport: MCPClientSnippet.Transport
                if http {
                    let base = try server.client(requireToken: false).base
                    let url = base.appendingPathComponent("mcp").appendingPathComponent(profile.profile)
                    transport = .http(url: url.absoluteString)
                } else {
                    var arguments = ["mcp", "connect", "--profile", profile.profile]
                    // The bridge finds the stored server itself; one named here or in the
                    // environment is written down, since the client's environment may lack it.
                    let environment = ProcessInfo.processInfo.environment["GATEHOUSE_SERVER"] ?? ""
                    if server.server != nil || !environment.isEmpty {
                        arguments += ["--server", try server.client(requireToken: false).base.absoluteString]
                    }
                    transport = .stdio(command: Self.executablePath(), arguments: arguments)
                }
                let snippet = MCPClientSnippet(client: client, name: name, transport: transport)
                print(snippet.text, terminator: "")
                for hint in snippet.hints { printError(hint) }
            }
        }

        /// The absolute path of this executable as it was started: `argv[0]` made absolute, or
        /// looked up in `PATH` when it has no slash. Symbolic links are kept, not resolved, so
        /// a link to an installed version keeps working after an upgrade changes its target.
        static func executablePath() -> String {
            let invoked = CommandLine.arguments.first ?? "gatehouse"
            if invoked.contains("/") { return URL(fileURLWithPath: invoked).standardizedFileURL.path }
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            for directory in path.split(separator: ":") where !directory.isEmpty {
                let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(invoked)
                if FileManager.default.isExecutableFile(atPath: candidate.path) {
                    return candidate.standardizedFileURL.path
                }
            }
            return Bundle.main.executablePath ?? invoked
        }
    }
}
