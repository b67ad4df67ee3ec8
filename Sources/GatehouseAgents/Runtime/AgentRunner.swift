public import GatehouseCore

/// Runs agents of one file: the loop of model calls and tool calls, delegation and handoffs,
/// permissions, the loop breaker, history compaction and one budget for the whole tree.
/// Everything it reaches goes through its seams, which the server binds to the caller: models
/// through the model gateway, MCP tools through the MCP gateway, built-in tools and
/// delegations through the policy and the audit trail.
public struct AgentRunner: Sendable {
    /// The file.
    public let file: AgentFile
    let model: any ModelClient
    let governor: any AgentGovernor
    let provider: any ToolboxProvider
    let recorder: any SessionRecorder
    /// The run's budget, shared by every session of the tree.
    public let budget: SharedBudget
    let settings: RunSettings
    let emit: @Sendable (AgentEvent) async -> Void
    let newID: @Sendable () -> String

    /// Creates a runner.
    public init(
        file: AgentFile, model: any ModelClient, governor: any AgentGovernor, provider: any ToolboxProvider,
        recorder: any SessionRecorder, budget: SharedBudget, settings: RunSettings,
        newID: @escaping @Sendable () -> String, emit: @escaping @Sendable (AgentEvent) async -> Void
    ) {
        self.file = file
        self.model = model
        self.governor = governor
        self.provider = provider
        self.recorder = recorder
        self.budget = budget
        self.settings = settings
        self.newID = newID
        self.emit = emit
    }

    /// A new top-level session with `agent` in charge.
    public func newSession(agent: String) -> AgentSessionState {
        AgentSessionState(id: newID(), agent: agent, rules: file.permissions)
    }

    /// One turn: `message` from the user, then model and tool calls until the agent answers
    /// (or the turn stops). Returns the session as it stands after it, saved.
    public func turn(_ start: AgentSessionState, message: String, depth: Int = 0) async -> AgentSessionState {
        var session = start
        if session.title.isEmpty { session.title = String(message.prefix(200)) }
        session.messages.append(ChatMessage(role: .user, content: message))
        session.state = "running"
        session.error = nil
        await emit(AgentEvent("user_message", ["message": .string(message)], session: session.id, agent: session.agent))
        await emit(AgentEvent("stream_started", session: session.id, agent: session.agent))
        await recorder.save(session)
        do {
            try await loop(&session, depth: depth)
            session.state = "finished"
        } catch let stop as RunStop {
            session.state = stop.isFinal ? "failed" : "stopped"
            session.error = stop.message
            await emit(
                AgentEvent(
                    "error", ["error": .string(stop.message), "code": .string(stop.code)], session: session.id,
                    agent: session.agent))
        } catch {
            session.state = "failed"
            session.error = Self.describe(error)
            await emit(
                AgentEvent("error", ["error": .string(Self.describe(error))], session: session.id, agent: session.agent)
            )
        }
        await emit(AgentEvent("stream_stopped", session: session.id, agent: session.agent))
        await recorder.save(session)
        return session
    }

    private func loop(_ session: inout AgentSessionState, depth: Int) async throws {
        var breaker = LoopBreaker(limit: settings.loopLimit)
        var iteration = 0
        while true {
            guard let agent = file.agent(named: session.agent) else {
                throw RunStop(code: "refused", message: "the file has no agent \(session.agent)", isFinal: true)
            }
            let maxIterations = agent.maxIterations.flatMap { $0 > 0 ? $0 : nil } ?? settings.defaultMaxIterations
            if iteration >= maxIterations {
                await emit(
                    AgentEvent(
                        "max_iterations_reached", ["max_iterations": .integer(Int64(maxIterations))],
                        session: session.id, agent: agent.name))
                throw RunStop(
                    code: "max_iterations",
                    message: "\(agent.name) stopped after \(maxIterations) model calls (its max_iterations)")
            }
            if let spent = await budget.exhausted() {
                throw RunStop(code: "budget_exhausted", message: spent + "; the run stops", isFinal: true)
            }
            let toolboxes = try await provider.toolboxes(for: agent, in: file, session: session.id)
            let offered = try await Offered(agent: agent, toolboxes: toolboxes)
            let definition = ModelReference.resolve(agent.model, in: file)
            let system = ChatMessage(
                role: .system,
                content: SystemPrompt.text(for: agent, in: file, toolboxes: toolboxes, settings: settings))
            try await compactIfNeeded(&session, definition: definition, system: system, tools: offered.tools)
            var request = ModelRequest(
                model: definition.gatewayModel,
                messages: [system] + HistoryWindow.trimmed(session.messages, limit: agent.numHistoryItems),
                tools: offered.tools)
            request.temperature = definition.temperature
            request.maxTokens = definition.maxTokens
            request.topP = definition.topP
            request.parallelToolCalls = definition.parallelToolCalls
            // A forced tool choice applies to the turn's first call: forcing every call would
            // never let the model answer.
            if iteration == 0 { request.toolChoice = definition.providerOptions["tool_choice"] }
            let reply = try await call(request, session: session.id, agent: agent.name)
            iteration += 1
            session.tokensIn += reply.tokensIn
            session.tokensOut += reply.tokensOut
            session.costMicros += reply.costMicros
            var message = reply.message
            message.name = agent.name
            session.messages.append(message)
            await recorder.save(session)
            if message.toolCalls.isEmpty { return }
            try await runCalls(
                message.toolCalls, agent: agent, offered: offered, session: &session, breaker: &breaker, depth: depth)
        }
    }

    /// One model call, charged to the tree's budget and reported.
    func call(_ request: ModelRequest, session: String, agent: String) async throws -> ModelReply {
        let emit = emit
        let reply: ModelReply
        do {
            reply = try await model.complete(request) { text in
                await emit(AgentEvent("agent_choice", ["content": .string(text)], session: session, agent: agent))
            }
        } catch {
            throw RunStop(
                code: "model_failed", message: "the model call failed: \(Self.describe(error))", isFinal: false)
        }
        await budget.charge(tokens: reply.tokensIn + reply.tokensOut, costMicros: reply.costMicros)
        let usage: JSONValue = [
            "input_tokens": .integer(Int64(reply.tokensIn)), "output_tokens": .integer(Int64(reply.tokensOut)),
            "cost_micros": .integer(reply.costMicros), "run_tokens": .integer(Int64(await budget.tokens)),
        ]
        await emit(AgentEvent("token_usage", ["usage": usage], session: session, agent: agent))
        return reply
    }

    /// A failure as the user may read it.
    static func describe(_ error: any Error) -> String {
        if let error = error as? GatehouseError { return error.message }
        if let stop = error as? RunStop { return stop.message }
        return "\(error)"
    }
}

/// The tools offered to an agent for one call, and which toolbox answers each.
struct Offered: Sendable {
    var tools: [ToolDefinition] = []
    var owners: [String: LoadedToolbox] = [:]

    init(agent: AgentDefinition, toolboxes: [LoadedToolbox]) async throws {
        // Delegation tools come first: a toolset's tool of the same name cannot shadow them.
        tools = DelegationTools.definitions(for: agent)
        let reserved = Set(tools.map(\.name))
        for toolbox in toolboxes {
            for tool in try await toolbox.toolbox.tools()
            where owners[tool.name] == nil && !reserved.contains(tool.name) {
                tools.append(tool)
                owners[tool.name] = toolbox
            }
        }
    }
}
