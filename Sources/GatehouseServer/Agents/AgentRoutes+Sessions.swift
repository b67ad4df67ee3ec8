import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseStore
import Hummingbird

extension AgentRoutes {
    /// `GET /api/v1/agents/sessions[?all=true&limit=N]`: one's sessions, newest first (everyone's
    /// with `all=true`, which is `agent.read` on `*`).
    func list(_ request: Request) async throws -> Response {
        let everyone = request.uri.queryParameters["all"] == "true"
        let limit = request.uri.queryParameters["limit"].flatMap { Int(String($0)) } ?? 100
        guard (1...1000).contains(limit) else { throw GatehouseError(.badRequest, "limit must be 1 to 1000") }
        return try await spine.handle(AdminRoutes.spineRequest(request, .agentRead, resource: everyone ? "*" : "self"))
        {
            caller, _ in
            let records = try await store.agentSessions(
                AgentSessionQuery(
                    owner: everyone ? nil : caller.principal.key, parentID: nil, limit: limit, includeMessages: false))
            return JSONBody.response(["sessions": records.map { SessionSummary($0) }])
        }
    }

    /// `GET /api/v1/agents/sessions/ID`: one session with its messages and its children. One's
    /// own is `agent.read` on `self`; another's needs `agent.read` on `*` (and is not found
    /// without it, so ids cannot be probed).
    func show(_ request: Request, id: String) async throws -> Response {
        guard id.utf8.count == 32, Hex.decode(id) != nil else {
            throw GatehouseError(.badRequest, "a session id is 32 hexadecimal digits")
        }
        let identity = try await spine.identify(
            AdminRoutes.spineRequest(request, .agentRead, resource: "self"), traceID: TraceID.random())
        let record = try await store.agentSession(id: id)
        let own = record?.owner == identity.principal.key
        return try await spine.authorize(
            identity, AdminRoutes.spineRequest(request, .agentRead, resource: own ? "self" : "*")
        ) { _, _ in
            guard let record else { throw GatehouseError(.notFound, "no session \(id)") }
            let children = try await store.agentSessions(
                AgentSessionQuery(owner: nil, parentID: id, limit: 1000, includeMessages: false))
            let messages = (try? JSONDecoder().decode([ChatMessage].self, from: record.messages)) ?? []
            return JSONBody.response(
                SessionDetail(
                    summary: SessionSummary(record), messages: messages, children: children.map(SessionSummary.init)))
        }
    }
}

/// A session as listed.
struct SessionSummary: Encodable {
    var id: String
    var parentID: String?
    var agent: String
    var fileName: String
    var title: String
    var state: String
    var created: String
    var updated: String
    var tokensIn: Int64
    var tokensOut: Int64
    var costMicros: Int64
    var error: String?

    init(_ record: AgentSessionRecord) {
        id = record.id
        parentID = record.parentID
        agent = record.agent
        fileName = record.fileName
        title = record.title
        state = record.state
        created = Self.time(record.createdMicros)
        updated = Self.time(record.updatedMicros)
        tokensIn = record.tokensIn
        tokensOut = record.tokensOut
        costMicros = record.costMicros
        error = record.error
    }

    enum CodingKeys: String, CodingKey {
        case id, agent, title, state, created, updated, error
        case parentID = "parent_id"
        case fileName = "file_name"
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case costMicros = "cost_micros"
    }

    static func time(_ micros: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(micros) / 1_000_000))
    }
}

/// A session with its conversation and children.
struct SessionDetail: Encodable {
    var summary: SessionSummary
    var messages: [ChatMessage]
    var children: [SessionSummary]

    func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(messages, forKey: .messages)
        try container.encode(children, forKey: .children)
    }

    enum Keys: String, CodingKey { case messages, children }
}
