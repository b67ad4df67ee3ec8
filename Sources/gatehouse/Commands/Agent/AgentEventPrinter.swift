import Foundation
import GatehouseCore

/// Shows a run's events in the terminal: the agents' text as it streams, tool calls and their
/// results in short, delegations, usage, errors; or every event as a JSON line.
struct AgentEventPrinter {
    /// How the top session's turn ended.
    struct Outcome {
        var session: String
        var state: String
        var error: String?
        var answer: String?
    }

    /// A question about a tool call.
    struct Question {
        var session: String
        var tool: String
        var arguments: String
        var reason: String
    }

    let json: Bool
    /// With `--exec`: only errors and tool activity on standard error, the answer at the end.
    let quiet: Bool
    private(set) var outcome: Outcome?
    private var top: String?

    init(json: Bool, quiet: Bool) {
        self.json = json
        self.quiet = quiet
    }

    /// Shows one event; returns a question when the event asks one.
    mutating func show(_ event: JSONValue) -> Question? {
        let type = event["type"]?.stringValue ?? ""
        let session = event["session_id"]?.stringValue ?? ""
        let agent = event["agent_name"]?.stringValue ?? ""
        if top == nil, type == "user_message" { top = session }
        if json { print(event.text) }
        switch type {
        case "agent_choice" where !json && !quiet:
            out(event["content"]?.stringValue ?? "")
        case "tool_call" where !json:
            let call = event["tool_call"]?["function"]
            err(
                "\n[\(agent)] → \(call?["name"]?.stringValue ?? "?")(\(Self.short(call?["arguments"]?.stringValue ?? "")))\n"
            )
        case "tool_call_response" where !json:
            let mark = event["is_error"]?.boolValue == true ? "✗" : "←"
            err("[\(agent)] \(mark) \(Self.short(event["response"]?.stringValue ?? ""))\n")
        case "agent_switching" where !json:
            err("[\(agent)] hands over to \(event["to_agent"]?.stringValue ?? "?")\n")
        case "error" where !json:
            err("[\(agent)] error: \(event["error"]?.stringValue ?? "?")\n")
        case "session_finished" where session == top:
            outcome = Outcome(
                session: session, state: event["state"]?.stringValue ?? "?", error: event["error"]?.stringValue,
                answer: event["final_answer"]?.stringValue)
            if !json && !quiet { out("\n") }
        case "tool_call_confirmation":
            let call = event["tool_call"]?["function"]
            return Question(
                session: top ?? session, tool: call?["name"]?.stringValue ?? "?",
                arguments: call?["arguments"]?.stringValue ?? "", reason: event["reason"]?.stringValue ?? "")
        default:
            break
        }
        return nil
    }

    /// Asks on the terminal; the answer as the resume body.
    static func ask(_ question: Question) -> [String: String] {
        FileHandle.standardError.write(
            Data(
                "\nRun \(question.tool)(\(short(question.arguments)))? \(question.reason)\n[y]es, yes for the [s]ession, yes for this [t]ool, [n]o: "
                    .utf8))
        switch readLine()?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "y", "yes": return ["confirmation": "approve"]
        case "s": return ["confirmation": "approve-session"]
        case "t": return ["confirmation": "approve-tool"]
        default: return ["confirmation": "reject", "reason": "the user said no"]
        }
    }

    private static func short(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 160 ? String(line.prefix(160)) + "…" : line
    }

    private func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func err(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
