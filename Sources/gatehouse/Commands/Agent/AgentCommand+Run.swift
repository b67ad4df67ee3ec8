import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatehouseAgents
import GatehouseCore
import NIOCore

/// `gatehouse agent run FILE`: runs an agent file on the server, under your identity: a chat in
/// the terminal, or one task with `--exec` (the final answer on standard output; a non-zero
/// exit when the run did not finish).
struct AgentRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run an agent file: a chat, or one task with --exec.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The agent file (YAML).") var file: String
    @Option(help: "The agent to start with (default: root, else the first).") var agent: String?
    @Option(help: "The workspace for filesystem, shell and script tools (a directory on the server's host).")
    var workspace: String?
    @Option(help: "Run this one task and print the final answer.") var exec: String?
    @Option(help: "The run's token budget, shared by all its agents.") var maxTokens: Int?
    @Option(help: "The run's cost budget, in the server's currency.") var maxCost: Double?
    @Flag(help: "Print the events as JSON lines instead.") var json = false

    func run() async throws {
        let text = try AgentFiles.text(file)
        let agentFile = try AgentFiles.read(file)
        let client = try server.client()
        let workspacePath = workspace.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var printer = AgentEventPrinter(json: json, quiet: exec != nil)
        let first = exec ?? Self.prompt(agentFile, agent: agent)
        guard let first else { return }
        var request = AgentRunRequest(
            file: text, fileName: URL(fileURLWithPath: file).lastPathComponent, message: first)
        request.agent = agent
        request.workspace = workspacePath
        request.interactive = exec == nil
        request.maxTokens = maxTokens
        request.maxCostMicros = maxCost.map { Int64(($0 * 1_000_000).rounded()) }
        var outcome = try await Self.turn(client, "api/v1/agents/sessions", request, printer: &printer)
        if exec != nil {
            if let answer = outcome.answer { print(answer) }
            guard outcome.state == "finished" else {
                throw CLIFailure("the run \(outcome.state): \(outcome.error ?? "no answer")")
            }
            return
        }
        while let next = Self.prompt(agentFile, agent: nil) {
            outcome = try await Self.turn(
                client, "api/v1/agents/sessions/\(outcome.session)/messages", ["message": next], printer: &printer)
        }
    }

    /// The next message from the terminal (`/name` runs the agent's command); nil at the end.
    static func prompt(_ file: AgentFile, agent: String?) -> String? {
        while true {
            FileHandle.standardError.write(Data("> ".utf8))
            guard let line = readLine() else { return nil }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed == "/exit" || trimmed == "/quit" { return nil }
            if trimmed.hasPrefix("/"),
                let command = file.agents.flatMap(\.commands).first(where: { "/" + $0.name == trimmed })
            {
                return command.instruction
            }
            return trimmed
        }
    }

    /// One turn: posts, prints the events, answers questions about tool calls.
    static func turn(
        _ client: ServerClient, _ path: String, _ body: some Encodable, printer: inout AgentEventPrinter
    ) async throws -> AgentEventPrinter.Outcome {
        let response = try await client.postStreaming(path, body: body, timeout: .hours(24))
        var events = EventLines(response.body)
        while let data = try await events.next() {
            guard let event = JSONValue.parse(Data(data.utf8)) else { continue }
            if let question = printer.show(event) {
                let answer = AgentEventPrinter.ask(question)
                _ = try await client.call("POST", "api/v1/agents/sessions/\(question.session)/resume", body: answer)
            }
        }
        guard let outcome = printer.outcome else { throw CLIFailure("the server ended the stream without a result") }
        return outcome
    }
}
