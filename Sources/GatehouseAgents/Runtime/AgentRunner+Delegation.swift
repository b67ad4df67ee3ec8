import GatehouseCore

extension AgentRunner {
    /// `transfer_task`: a child session of the sub-agent, decided by policy and recorded with
    /// both session ids, whose final answer is the tool's result. The child starts with no
    /// approvals of its own: nothing the user approved for the parent flows down.
    func transfer(_ arguments: JSONValue, agent: AgentDefinition, session: AgentSessionState, depth: Int) async
        -> ToolOutput
    {
        guard let target = arguments["agent"]?.stringValue, let task = arguments["task"]?.stringValue else {
            return ToolOutput("transfer_task needs an agent and a task.", isError: true)
        }
        guard agent.subAgents.contains(target) else {
            return ToolOutput(
                "\(target) is not a sub-agent of \(agent.name) (it may hand tasks to: \(agent.subAgents.joined(separator: ", "))).",
                isError: true)
        }
        guard depth + 1 < settings.maxDepth else {
            return ToolOutput(
                "Delegation is \(settings.maxDepth) levels deep already; do the task yourself.", isError: true)
        }
        if let spent = await budget.exhausted() {
            return ToolOutput("Not handed to \(target): \(spent).", isError: true)
        }
        let child = AgentSessionState(id: newID(), parentID: session.id, agent: target, rules: file.permissions)
        let delegation = Delegation(
            kind: .transfer, parentSession: session.id, fromAgent: agent.name, toAgent: target, childSession: child.id)
        do {
            try await governor.authorize(delegation)
        } catch {
            return ToolOutput("Handing the task to \(target) was refused: \(Self.describe(error))", isError: true)
        }
        await emit(switching(from: agent.name, to: target, session: session.id, child: child.id))
        var text = "Task: \(task)"
        if let expected = arguments["expected_output"]?.stringValue, !expected.isEmpty {
            text += "\n\nExpected output: \(expected)"
        }
        let finished = await turn(child, message: text, depth: depth + 1)
        await provider.release(session: finished.id)
        await emit(
            AgentEvent(
                "sub_session_completed",
                ["parent_session_id": .string(session.id), "sub_session": .string(finished.id)], session: session.id,
                agent: agent.name))
        guard finished.state == "finished" else {
            return ToolOutput("\(target) did not finish: \(finished.error ?? finished.state).", isError: true)
        }
        return ToolOutput(finished.finalAnswer ?? "\(target) finished without an answer.")
    }

    /// `handoff`: the conversation goes on with another agent, decided by policy and recorded.
    func handoff(_ arguments: JSONValue, agent: AgentDefinition, session: inout AgentSessionState) async -> ToolOutput {
        guard let target = arguments["agent"]?.stringValue else {
            return ToolOutput("handoff needs an agent.", isError: true)
        }
        guard agent.handoffs.contains(target) else {
            return ToolOutput(
                "\(agent.name) cannot hand over to \(target) (it may hand over to: \(agent.handoffs.joined(separator: ", "))).",
                isError: true)
        }
        let delegation = Delegation(
            kind: .handoff, parentSession: session.id, fromAgent: agent.name, toAgent: target, childSession: session.id)
        do {
            try await governor.authorize(delegation)
        } catch {
            return ToolOutput("Handing over to \(target) was refused: \(Self.describe(error))", isError: true)
        }
        session.agent = target
        await emit(switching(from: agent.name, to: target, session: session.id, child: nil))
        return ToolOutput("The conversation is now with \(target).")
    }

    private func switching(from: String, to: String, session: String, child: String?) -> AgentEvent {
        var fields: [String: JSONValue] = ["switching": true, "from_agent": .string(from), "to_agent": .string(to)]
        if let child { fields["sub_session_id"] = .string(child) }
        return AgentEvent("agent_switching", fields, session: session, agent: from)
    }

    /// Folds the older history into a summary when the next call would fill most of the
    /// model's context (`provider_opts.context_size`, else the run's default).
    func compactIfNeeded(
        _ session: inout AgentSessionState, definition: ModelDefinition, system: ChatMessage, tools: [ToolDefinition]
    ) async throws {
        let limit = definition.providerOptions["context_size"]?.intValue.map(Int.init) ?? settings.contextTokens
        let toolTokens = tools.reduce(0) { $0 + $1.openAI.encoded.count / 4 }
        let estimate = system.estimatedTokens + HistoryWindow.tokens(session.messages) + toolTokens
        guard Double(estimate) > settings.compactionThreshold * Double(limit),
            let point = HistoryWindow.foldPoint(session.messages, keepLast: 4)
        else { return }
        await emit(AgentEvent("session_compaction", ["status": "started"], session: session.id, agent: session.agent))
        let older = Array(session.messages[..<point])
        var request = ModelRequest(
            model: definition.gatewayModel,
            messages: [
                ChatMessage(
                    role: .system,
                    content:
                        "You summarise conversations between a user and an AI agent, keeping every fact, decision, file name and open task."
                )
            ] + older + [
                ChatMessage(role: .user, content: "Summarise the conversation so far in a few short paragraphs.")
            ],
            tools: [])
        request.maxTokens = 512
        // A failed summary stops the turn and keeps the history: nothing is dropped unsummarised.
        let reply = try await call(request, session: session.id, agent: session.agent)
        session.tokensIn += reply.tokensIn
        session.tokensOut += reply.tokensOut
        session.costMicros += reply.costMicros
        let summary = reply.message.content ?? ""
        session.messages =
            [ChatMessage(role: .user, content: "Session Summary: \(summary)")] + session.messages[point...]
        await emit(
            AgentEvent("session_summary", ["summary": .string(summary)], session: session.id, agent: session.agent))
        await emit(AgentEvent("session_compaction", ["status": "completed"], session: session.id, agent: session.agent))
    }
}
