import ArgumentParser
import Foundation

extension MCPCommand {
    /// `gatehouse mcp servers`: `GET /api/v1/mcp/servers`.
    struct Servers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the gateway's tool servers, with their sessions and calls.")

        @OptionGroup var server: ServerOptions
        @Flag(help: "Print the server's JSON.") var json = false

        /// The server's answer.
        struct Body: Decodable {
            /// One tool server.
            struct Item: Decodable {
                let name: String
                let kind: String
                let title: String?
                let description: String?
                let sessions: Int?
                let calls: Int?
                let started: Int?
            }
            let servers: [Item]
        }

        func run() async throws {
            try await MCPCommand.reporting {
                let data = try await MCPAPI(client: try server.client()).get("api/v1/mcp/servers")
                let body = try MCPCommand.decode(Body.self, from: data)
                guard !json else {
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                print(["NAME", "KIND", "SESSIONS", "CALLS", "DESCRIPTION"].joined(separator: "\t"))
                for item in body.servers {
                    let description = MCPCommand.oneLine(item.description ?? item.title ?? "")
                    print(
                        [item.name, item.kind, String(item.sessions ?? 0), String(item.calls ?? 0), description]
                            .joined(separator: "\t"))
                }
            }
        }
    }

    /// `gatehouse mcp tools`: `GET /api/v1/mcp/tools?profile=P`.
    struct Tools: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the tools a profile exposes (as SERVER__TOOL), and the servers it cannot reach.")

        @OptionGroup var server: ServerOptions
        @OptionGroup var profile: MCPProfileOption
        @Flag(help: "Print the server's JSON.") var json = false

        /// The server's answer.
        struct Body: Decodable {
            /// One tool, named SERVER__TOOL.
            struct Item: Decodable {
                let name: String
                let server: String?
                let tool: String?
                let description: String?
            }
            let profile: String?
            let tools: [Item]
            let unavailable: [String: String]?
        }

        func run() async throws {
            try await MCPCommand.reporting {
                let data = try await MCPAPI(client: try server.client())
                    .get("api/v1/mcp/tools", query: [("profile", profile.profile)])
                let body = try MCPCommand.decode(Body.self, from: data)
                for (name, reason) in (body.unavailable ?? [:]).sorted(by: { $0.key < $1.key }) {
                    printError("gatehouse: warning: server \(name) is unavailable: \(MCPCommand.oneLine(reason))")
                }
                guard !json else {
                    print(String(decoding: data, as: UTF8.self))
                    return
                }
                print(["NAME", "DESCRIPTION"].joined(separator: "\t"))
                for item in body.tools {
                    print(item.name + "\t" + MCPCommand.oneLine(item.description ?? "", limit: 100))
                }
            }
        }
    }

    /// `body` decoded, or a failure saying the server's answer was not the expected one.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw CLIFailure("the server's answer is not what this gatehouse expects (is it another version?)")
        }
    }

    /// The first line of `text`, cut to `limit` characters.
    static func oneLine(_ text: String, limit: Int = 200) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = first.trimmingCharacters(in: .whitespaces)
        return trimmed.count > limit ? trimmed.prefix(limit - 1) + "…" : trimmed
    }
}
