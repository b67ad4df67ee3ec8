import GatehouseCore

extension AgentRunner {
    /// Runs the tool calls of one assistant message in order, answering every one of them (a
    /// call not run gets an answer saying why, so the conversation stays valid).
    func runCalls(
        _ calls: [ToolCall], agent: AgentDefinition, offered: Offered, session: inout AgentSessionState,
        breaker: inout LoopBreaker, depth: Int
    ) async throws {
        var stop: RunStop?
        for call in calls {
            await emit(
                AgentEvent("tool_call", ["tool_call": call.openAI], session: session.id, agent: agent.name))
            let output: ToolOutput
            if stop == nil, Task.isCancelled {
                stop = RunStop(code: "cancelled", message: "the client went away", isFinal: false)
            }
            if let stop {
                output = ToolOutput("Not run: \(stop.message).", isError: true)
            } else if session.agent != agent.name {
                output = ToolOutput("Not run: the conversation was handed over to \(session.agent).", isError: true)
            } else if breaker.record(call) {
                let loop = RunStop(
                    code: "loop_detected",
                    message:
                        "\(agent.name) called \(call.name) \(breaker.limit) times in a row with the same arguments; stopped as a loop"
                )
                stop = loop
                output = ToolOutput("Not run: \(loop.message).", isError: true)
            } else {
                output = await perform(call, agent: agent, offered: offered, session: &session, depth: depth)
            }
            await emit(
                AgentEvent(
                    "tool_call_response",
                    [
                        "tool_call": call.openAI, "response": .string(output.text),
                        "is_error": .bool(output.isError),
                    ], session: session.id, agent: agent.name))
            session.messages.append(
                ChatMessage(role: .tool, content: output.text, toolCallID: call.id, name: call.name))
        }
        await recorder.save(session)
        if let stop { throw stop }
    }

    private func perform(
        _ call: ToolCall, agent: AgentDefinition, offered: Offered, session: inout AgentSessionState, depth: Int
    ) async -> ToolOutput {
        guard let arguments = JSONCanonical.parse(call.arguments) else {
            return ToolOutput(
                "The arguments of \(call.name) are not a valid JSON object; call it again with JSON arguments.",
                isError: true)
        }
        if call.name == DelegationTools.transfer, !agent.subAgents.isEmpty {
            return await transfer(arguments, agent: agent, session: session, depth: depth)
        }
        if call.name == DelegationTools.handoff, !agent.handoffs.isEmpty {
            return await handoff(arguments, agent: agent, session: &session)
        }
        guard let owner = offered.owners[call.name],
            let definition = offered.tools.first(where: { $0.name == call.name })
        else {
            return ToolOutput(
                "Tool '\(call.name)' is not available. You can only use the tools provided to you.", isError: true)
        }
        let invocation = ToolInvocation(
            name: call.name, arguments: arguments, callID: call.id, sessionID: session.id, agent: agent.name)
        switch session.approval.settle(name: call.name, arguments: arguments, readOnly: definition.readOnly) {
        case .refuse(let reason):
            await governor.refused(invocation, toolset: owner.kind, reason: reason)
            return ToolOutput("Tool '\(call.name)' is \(reason).", isError: true)
        case .ask(let reason):
            guard let answer = await governor.confirm(call, session: session.id, agent: agent.name, reason: reason)
            else {
                let refusal = "not run: it needs the user's approval (\(reason)) and this run cannot ask"
                await governor.refused(invocation, toolset: owner.kind, reason: refusal)
                return ToolOutput(
                    "Tool '\(call.name)' was \(refusal); allow it in the file's permissions or run interactively.",
                    isError: true)
            }
            switch answer {
            case .approve: break
            case .approveSession: session.approval.approvedAll = true
            case .approveTool: session.approval.approvedTools.insert(call.name)
            case .reject(let why):
                await governor.refused(invocation, toolset: owner.kind, reason: "rejected by the user")
                return ToolOutput("The user rejected the tool call. Reason: \(why)", isError: true)
            }
        case .run:
            break
        }
        do {
            if owner.governedByGateway { return try await owner.toolbox.call(invocation) }
            let toolbox = owner.toolbox
            return try await governor.govern(invocation, toolset: owner.kind) { try await toolbox.call(invocation) }
        } catch {
            return ToolOutput(Self.describe(error), isError: true)
        }
    }
}
