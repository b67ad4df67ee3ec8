import ArgumentParser
import Foundation
import GatehouseCore

/// `gatehouse agent sessions`: your agent sessions, newest first.
struct AgentSessions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "List agent sessions, newest first.")

    @OptionGroup var server: ServerOptions
    @Flag(help: "Everyone's sessions (needs agent.read on *).") var all = false
    @Option(help: "How many (1 to 1000).") var limit = 50
    @Flag(help: "Print the server's JSON.") var json = false

    func run() async throws {
        let client = try server.client()
        // The query goes on the URL as is (a path component would escape its "?").
        let url = client.base.appendingPathComponent("api/v1/agents/sessions").absoluteString + "?limit=\(limit)"
        let data = try await ServerClient(base: URL(string: url + (all ? "&all=true" : ""))!, token: client.token).call(
            "GET", "")
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard let sessions = JSONValue.parse(data)?["sessions"]?.arrayValue else {
            throw CLIFailure("unexpected answer")
        }
        print("ID                                STATE     AGENT        TOKENS   CREATED               TITLE")
        for session in sessions {
            let tokens = (session["tokens_in"]?.intValue ?? 0) + (session["tokens_out"]?.intValue ?? 0)
            let child = session["parent_id"]?.stringValue != nil ? "↳ " : ""
            print(
                [
                    (session["id"]?.stringValue ?? "?").padded(34), (session["state"]?.stringValue ?? "?").padded(10),
                    (child + (session["agent"]?.stringValue ?? "?")).padded(13), String(tokens).padded(9),
                    (session["created"]?.stringValue ?? "").padded(22),
                    String((session["title"]?.stringValue ?? "").prefix(60)),
                ].joined())
        }
    }
}

/// `gatehouse agent show ID`: one session's conversation and its delegated sessions.
struct AgentShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an agent session: its messages and delegated sessions.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The session id.") var id: String
    @Flag(help: "Print the server's JSON.") var json = false

    func run() async throws {
        let data = try await server.client().call("GET", "api/v1/agents/sessions/\(id)")
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard let session = JSONValue.parse(data) else { throw CLIFailure("unexpected answer") }
        print(
            "session \(session["id"]?.stringValue ?? id) · \(session["file_name"]?.stringValue ?? "?") · agent \(session["agent"]?.stringValue ?? "?")"
        )
        if let parent = session["parent_id"]?.stringValue { print("delegated by session \(parent)") }
        print(
            "state \(session["state"]?.stringValue ?? "?") · tokens in \(session["tokens_in"]?.intValue ?? 0), out \(session["tokens_out"]?.intValue ?? 0) · cost \(session["cost_micros"]?.intValue ?? 0) micros"
        )
        if let error = session["error"]?.stringValue { print("error: \(error)") }
        print("")
        for message in session["messages"]?.arrayValue ?? [] {
            let role = message["role"]?.stringValue ?? "?"
            let name = message["name"]?.stringValue.map { " (\($0))" } ?? ""
            if let content = message["content"]?.stringValue, !content.isEmpty { print("\(role)\(name): \(content)") }
            for call in message["toolCalls"]?.arrayValue ?? [] {
                print("\(role)\(name) → \(call["name"]?.stringValue ?? "?")(\(call["arguments"]?.stringValue ?? ""))")
            }
        }
        for child in session["children"]?.arrayValue ?? [] {
            print(
                "↳ \(child["id"]?.stringValue ?? "?") \(child["agent"]?.stringValue ?? "?") \(child["state"]?.stringValue ?? "?"): \(child["title"]?.stringValue ?? "")"
            )
        }
    }
}

extension String {
    /// Padded with spaces (or cut) to `width`.
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? String(prefix(width - 1)) + " " : padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
