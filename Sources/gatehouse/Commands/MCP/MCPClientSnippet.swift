import ArgumentParser

/// The entry an MCP client's configuration file needs to reach Gatehouse, in that client's format.
///
/// The files (checked against each client's documentation):
/// - VS Code: `.vscode/mcp.json` in a workspace, or the user `mcp.json`; servers under `servers`,
///   each with a `type` (`stdio`: `command`, `args`; `http`: `url`, `headers`); `${env:NAME}` is
///   replaced by an environment variable when the server starts.
/// - Cursor: `~/.cursor/mcp.json` (every project) or `.cursor/mcp.json` (one); servers under
///   `mcpServers`, a `command` and `args`, or a `url` and `headers`; `${env:NAME}` is replaced.
/// - Claude: Claude Code's `.mcp.json` at a project's root, and Claude Desktop's
///   `claude_desktop_config.json` (stdio only); servers under `mcpServers`, a `command` and
///   `args`, or `"type": "http"` with a `url` and `headers`; Claude Code replaces `${NAME}`.
/// - Codex: `~/.codex/config.toml` (or `.codex/config.toml` in a trusted project); a table
///   `[mcp_servers.NAME]` with `command` and `args`, or `url` and `bearer_token_env_var` (the
///   name of the variable holding the token; Codex refuses a token written in the file).
struct MCPClientSnippet {
    /// The clients whose formats Gatehouse writes.
    enum Client: String, CaseIterable, ExpressibleByArgument {
        case vscode, cursor, claude, codex
    }

    /// How the client reaches Gatehouse.
    enum Transport {
        /// The client starts `command arguments` (the `gatehouse mcp connect` bridge) and speaks
        /// MCP on its standard input and output; the bridge uses the stored CLI credential.
        case stdio(command: String, arguments: [String])
        /// The client speaks streamable HTTP to `url` itself, with the token in `GATEHOUSE_TOKEN`.
        case http(url: String)
    }

    /// The environment variable an HTTP client takes the token from (the CLI reads it too).
    static let tokenVariable = "GATEHOUSE_TOKEN"

    /// The client the text is for.
    let client: Client
    /// The server's name in the client's configuration.
    let name: String
    /// How the client reaches Gatehouse.
    let transport: Transport

    /// Whether `name` can name the server in every format (a TOML bare key).
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }
    }

    /// The text to paste.
    var text: String {
        switch client {
        case .vscode: return Node.object([("servers", .object([(name, entry)]))]).json() + "\n"
        case .cursor, .claude: return Node.object([("mcpServers", .object([(name, entry)]))]).json() + "\n"
        case .codex: return "[mcp_servers.\(name)]\n" + entry.tomlKeys()
        }
    }

    /// Where the text goes, and what else the client needs.
    var hints: [String] {
        var hints: [String]
        switch client {
        case .vscode:
            hints = [
                "VS Code: add this to .vscode/mcp.json in the workspace, or to the user mcp.json (MCP: Open User Configuration)."
            ]
        case .cursor:
            hints = ["Cursor: add this to ~/.cursor/mcp.json (every project) or .cursor/mcp.json (one project)."]
        case .claude:
            if case .http = transport {
                hints = [
                    "Claude Code: add this to .mcp.json at the project's root. Claude Desktop reads only the stdio form from its file."
                ]
            } else {
                hints = [
                    "Claude Code: add this to .mcp.json at the project's root; Claude Desktop: to claude_desktop_config.json."
                ]
            }
        case .codex:
            hints = ["Codex: add this to ~/.codex/config.toml (or .codex/config.toml in a trusted project)."]
        }
        switch transport {
        case .stdio:
            hints.append("The client starts gatehouse mcp connect, which signs in with your stored CLI credential.")
        case .http:
            hints.append(
                "The client sends the token in \(Self.tokenVariable): set it, where the client starts, to a token from gatehouse token create."
            )
        }
        return hints
    }

    /// The server's entry, in the client's format.
    private var entry: Node {
        switch (client, transport) {
        case (.vscode, .stdio(let command, let arguments)):
            return .object([("type", .string("stdio")), ("command", .string(command)), ("args", .list(arguments))])
        case (_, .stdio(let command, let arguments)):
            return .object([("command", .string(command)), ("args", .list(arguments))])
        case (.vscode, .http(let url)):
            return .object([("type", .string("http")), ("url", .string(url)), ("headers", headers("${env:"))])
        case (.cursor, .http(let url)):
            return .object([("url", .string(url)), ("headers", headers("${env:"))])
        case (.claude, .http(let url)):
            return .object([("type", .string("http")), ("url", .string(url)), ("headers", headers("${"))])
        case (.codex, .http(let url)):
            return .object([("url", .string(url)), ("bearer_token_env_var", .string(Self.tokenVariable))])
        }
    }

    /// The Authorization header, taking the token from the environment with `reference`'s syntax.
    private func headers(_ reference: String) -> Node {
        .object([("Authorization", .string("Bearer \(reference)\(Self.tokenVariable)}"))])
    }

    /// A value of the shapes these files use, written with its members in order.
    private indirect enum Node {
        case string(String)
        case list([String])
        case object([(String, Node)])

        /// As JSON, indented by two spaces a level.
        func json(indent: String = "") -> String {
            switch self {
            case .string(let text): return JSONText.quoted(text)
            case .list(let items): return "[" + items.map(JSONText.quoted).joined(separator: ", ") + "]"
            case .object(let members):
                let inner = indent + "  "
                let lines = members.map { inner + JSONText.quoted($0.0) + ": " + $0.1.json(indent: inner) }
                return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
            }
        }

        /// An object's members as TOML `key = value` lines (keys are bare; a string's JSON form
        /// is a TOML basic string, see `JSONText.quoted`).
        func tomlKeys() -> String {
            guard case .object(let members) = self else { return "" }
            return members.map { "\($0.0) = \($0.1.json())\n" }.joined()
        }
    }
}
