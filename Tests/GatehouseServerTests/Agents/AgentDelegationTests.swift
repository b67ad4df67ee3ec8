import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import Testing

/// Delegation under governance, against the scripted model: a tree two levels deep whose
/// answer comes back up, a delegation the policy refuses, a handoff, and one budget spent
/// mid-tree.
@Suite struct AgentDelegationTests {
    static let tree = """
        version: "7"
        agents:
          root:
            model: scripted
            instruction: "[root] You coordinate releases."
            sub_agents: [planner, auditor]
          planner:
            model: scripted
            description: Plans releases
            instruction: "[planner] You plan."
            sub_agents: [worker]
          worker:
            model: scripted
            instruction: "[worker] You do the work."
            toolsets: [{type: think}]
          auditor:
            model: scripted
            instruction: "[auditor] You audit."
        """

    static let treeScript = ScriptedModel([
        .init(
            agent: "[root]", turn: 0,
            reply: .calls([
                ("transfer_task", #"{"agent": "planner", "task": "plan the release", "expected_output": "a plan"}"#)
            ])),
        .init(
            agent: "[planner]", turn: 0,
            reply: .calls([
                ("transfer_task", #"{"agent": "worker", "task": "list the steps", "expected_output": "steps"}"#)
            ])),
        .init(agent: "[worker]", turn: 0, reply: .calls([("think", #"{"thought": "build, test, ship"}"#)])),
        .init(agent: "[worker]", turn: 1, reply: .text("build, test, ship")),
        .init(agent: "[planner]", turn: 1, reply: .text("Plan: {{last_tool}}")),
        .init(agent: "[root]", turn: 1, reply: .text("Final. {{last_tool}}")),
    ])

    @Test func aTreeTwoLevelsDeepAnswersUpwardsAndEveryDelegationIsRecorded() async throws {
        try await AgentHarness.withGateway(Self.treeScript) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: Self.tree, message: "Ship 1.2")
            #expect(run.status == 200, "\(run.error ?? "")")
            #expect(run.finished?["state"]?.stringValue == "finished")
            #expect(run.finished?["final_answer"]?.stringValue == "Final. Plan: build, test, ship")
            let root = try #require(run.session)
            // Each delegation: agent.delegate on the child agent, linking both sessions.
            let delegations = try await AgentHarness.audit(context.client, action: "agent.delegate")
            #expect(delegations.count == 2)
            let toPlanner = try #require(delegations.first { $0["resource"]?.stringValue == "planner" })
            #expect(toPlanner["outcome"]?.stringValue?.contains("parent_session=\(root)") == true)
            let plannerSession = try #require(
                run.events("user_message").first { $0["agent_name"]?.stringValue == "planner" }?["session_id"]?
                    .stringValue)
            #expect(toPlanner["outcome"]?.stringValue?.contains("child_session=\(plannerSession)") == true)
            let toWorker = try #require(delegations.first { $0["resource"]?.stringValue == "worker" })
            #expect(toWorker["outcome"]?.stringValue?.contains("parent_session=\(plannerSession)") == true)
            // Every model call went through the gateway as model.use, and the built-in tool as tool.call.
            let uses = try await AgentHarness.audit(context.client, action: "model.use")
            #expect(uses.count == 6)
            let calls = try await AgentHarness.audit(context.client, action: "tool.call")
            #expect(calls.map { $0["resource"]?.stringValue } == ["agent/think/think"])
            // The sessions are kept, children linked to their parents.
            let listing = try await context.client.execute(
                uri: "/api/v1/agents/sessions", method: .get, headers: ServerHarness.bearer(token))
            let sessions = InferenceHarness.json(listing)["sessions"]?.arrayValue ?? []
            #expect(sessions.count == 3)
            let worker = try #require(sessions.first { $0["agent"]?.stringValue == "worker" })
            #expect(worker["parent_id"]?.stringValue == plannerSession)
            #expect(worker["state"]?.stringValue == "finished")
            let shown = try await context.client.execute(
                uri: "/api/v1/agents/sessions/\(root)", method: .get, headers: ServerHarness.bearer(token))
            let detail = InferenceHarness.json(shown)
            #expect(detail["children"]?.arrayValue?.map { $0["agent"]?.stringValue } == ["planner"])
            #expect(detail["messages"]?.arrayValue?.first?["content"]?.stringValue == "Ship 1.2")
            // Metrics: the turns, the delegations, and the tokens and cost by route.
            let metrics = try await AgentHarness.metrics(context.client)
            for name in [
                #"gatehouse_agent_turns_total{state="finished"}"#,
                #"gatehouse_agent_delegations_total{kind="transfer_task"}"#,
                #"gatehouse_model_tokens_total{route="scripted",direction="in"}"#,
                #"gatehouse_model_tokens_total{route="scripted",direction="out"}"#,
                #"gatehouse_model_cost_micros_total{route="scripted"}"#,
            ] {
                #expect(metrics.contains(name), "\(name)")
            }
        }
    }

    @Test func aDelegationThePolicyRefusesIsToldToTheModelAndRecorded() async throws {
        let script = ScriptedModel([
            .init(
                agent: "[root]", turn: 0,
                reply: .calls([("transfer_task", #"{"agent": "auditor", "task": "audit", "expected_output": "ok"}"#)])),
            .init(agent: "[root]", turn: 1, reply: .text("Could not delegate: {{last_tool}}")),
            .init(agent: "[auditor]", turn: 0, reply: .text("audited")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: Self.tree, message: "Audit it")
            #expect(run.finished?["state"]?.stringValue == "finished")
            let answer = run.finished?["final_answer"]?.stringValue ?? ""
            #expect(answer.contains("refused") && answer.contains("devs-no-auditor"))
            // The auditor never ran: no session of it, no model call for it.
            #expect(run.events("user_message").allSatisfy { $0["agent_name"]?.stringValue != "auditor" })
            let delegations = try await AgentHarness.audit(context.client, action: "agent.delegate")
            #expect(delegations.count == 1)
            #expect(delegations.first?["decision"]?.stringValue == "deny")
            #expect(delegations.first?["rule"]?.stringValue == "devs-no-auditor")
        }
    }

    @Test func aHandoffSwitchesTheAgentInChargeOfTheSession() async throws {
        let file = """
            version: "7"
            agents:
              root:
                model: scripted
                instruction: "[root] You triage."
                handoffs: [reviewer]
              reviewer:
                model: scripted
                instruction: "[reviewer] You review."
            """
        let script = ScriptedModel([
            .init(agent: "[root]", turn: 0, reply: .calls([("handoff", #"{"agent": "reviewer"}"#)])),
            .init(agent: "[reviewer]", turn: 1, reply: .text("Reviewed: looks good")),
            .init(agent: "[reviewer]", turn: 0, reply: .text("Reviewer here; what should I review?")),
        ])
        try await AgentHarness.withGateway(script) { context, token in
            let run = try await AgentHarness.run(context.client, token: token, file: file, message: "Review my PR")
            #expect(run.finished?["final_answer"]?.stringValue == "Reviewed: looks good")
            #expect(run.finished?["agent_name"]?.stringValue == "reviewer")
            #expect(run.events("agent_switching").first?["to_agent"]?.stringValue == "reviewer")
            let delegations = try await AgentHarness.audit(context.client, action: "agent.delegate")
            #expect(delegations.count == 1)
            #expect(delegations.first?["outcome"]?.stringValue?.contains("kind=handoff") == true)
            // A second message goes to the agent now in charge.
            let session = try #require(run.session)
            let next = try await AgentHarness.post(
                context.client, "/api/v1/agents/sessions/\(session)/messages", token: token, ["message": "Thanks"])
            #expect(next.finished?["agent_name"]?.stringValue == "reviewer")
        }
    }

    @Test func oneBudgetForTheWholeTreeStopsTheRunMidTree() async throws {
        try await AgentHarness.withGateway(Self.treeScript) { context, token in
            // A run without a limit says what the first two calls (root, then planner) cost…
            let free = try await AgentHarness.run(context.client, token: token, file: Self.tree, message: "Ship 1.2")
            let costs = free.events("token_usage").map {
                Int(($0["usage"]?["input_tokens"]?.intValue ?? 0) + ($0["usage"]?["output_tokens"]?.intValue ?? 0))
            }
            try #require(costs.count == 6)
            let before = try await AgentHarness.audit(context.client, action: "model.use").count
            // …so a budget of exactly that is spent once the planner has made its first call.
            let run = try await AgentHarness.run(
                context.client, token: token, file: Self.tree, message: "Ship 1.2", maxTokens: costs[0] + costs[1])
            #expect(run.finished?["state"]?.stringValue == "failed")
            #expect(run.finished?["error"]?.stringValue?.contains("token budget is spent") == true)
            // The worker never got a model call.
            let uses = try await AgentHarness.audit(context.client, action: "model.use")
            #expect(uses.count - before == 2)
            #expect(run.events("user_message").allSatisfy { $0["agent_name"]?.stringValue != "worker" })
            #expect(run.events("error").contains { $0["agent_name"]?.stringValue == "planner" })
        }
    }
}
