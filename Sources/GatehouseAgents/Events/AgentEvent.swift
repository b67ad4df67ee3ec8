public import Foundation
public import GatehouseCore

/// One event of a run, named and shaped as docker-agent's runtime names them (`stream_started`,
/// `agent_choice`, `tool_call`, `tool_call_response`, `token_usage`, `stream_stopped`, `error`…),
/// so its clients read Gatehouse's stream too. Sent over SSE with the name as the `event:` and
/// the JSON (which repeats it as `type`) as the `data:`.
public struct AgentEvent: Sendable, Hashable {
    /// The event's name.
    public var type: String
    /// Its fields, `type` included.
    public var fields: JSONValue

    /// Creates an event of `type` with `fields` (plus `type` and a timestamp).
    public init(_ type: String, _ fields: [String: JSONValue] = [:], session: String? = nil, agent: String? = nil) {
        var members = fields
        members["type"] = .string(type)
        if let session { members["session_id"] = .string(session) }
        if let agent { members["agent_name"] = .string(agent) }
        members["timestamp"] = .string(Self.timestamp(Date()))
        self.type = type
        self.fields = .object(members)
    }

    /// The event as one SSE message.
    public var sse: String {
        "event: \(type)\ndata: \(fields.text)\n\n"
    }

    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}

extension AgentEvent {
    /// The event's text field (`content`, `error`, `response`), for tests and the terminal.
    public func field(_ name: String) -> String? { fields[name]?.stringValue }
}
