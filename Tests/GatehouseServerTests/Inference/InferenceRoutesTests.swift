import Foundation
import GatehouseCore
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// The model API's spine end to end against an OpenAI-compatible upstream: who may use which
/// model, when offload happens, what the upstream sees, and what is recorded and counted.
@Suite struct InferenceRoutesTests {
    static let chat = #"{"model":"fast","messages":[{"role":"user","content":"Say hi"}]}"#

    @Test func offloadsWhenLocalIsMissingAndRecordsRouteTokensAndCost() async throws {
        try await InferenceHarness.withGateway { context, upstream, tokens in
            let response = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
            #expect(response.status == .ok)
            #expect(response.headers[HTTPField.Name("X-Gatehouse-Route")!] == "cloud/gpt-test")
            let answer = InferenceHarness.json(response)
            #expect(answer["model"]?.stringValue == "fast")
            #expect(answer["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "Hello there")
            // The upstream got its own model name and Gatehouse's key; the client never sees the key.
            let seen = try #require(upstream.requests.first)
            #expect(seen.body["model"]?.stringValue == "gpt-test")
            #expect(seen.authorization == "Bearer " + FakeUpstream.key)
            #expect(seen.traceparent?.hasPrefix("00-") == true)
            #expect(!String(buffer: response.body).contains(FakeUpstream.key))
            let records = try await InferenceHarness.audit(context.client, action: "model.use")
            let record = try #require(records.first)
            #expect(record["resource"]?.stringValue == "fast")
            let outcome = record["outcome"]?.stringValue ?? ""
            #expect(outcome.contains("route=cloud/gpt-test"))
            #expect(outcome.contains("reason=offload:_local_model_missing"))
            #expect(outcome.contains("offload_rule=devs-offload"))
            #expect(outcome.contains("tokens_in=10 tokens_out=5 cost_micros=20"))
            #expect(seen.traceparent?.contains(record["traceID"]?.stringValue ?? "-") == true)
            // The prompt is recorded by size and hash only.
            #expect(!"\(records)".contains("Say hi"))
        }
    }

    @Test func withoutAnOffloadGrantNothingLeavesTheMachine() async throws {
        try await InferenceHarness.withGateway { context, upstream, tokens in
            let response = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["homebody"]!, Self.chat)
            #expect(response.status == .forbidden)
            #expect(upstream.requests.isEmpty)
            let message = InferenceHarness.json(response)["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("local/not-pulled:latest: local model missing"))
            #expect(message.contains("cloud/gpt-test: offload not allowed"))
            let records = try await InferenceHarness.audit(context.client, action: "model.use")
            #expect(records.first?["decision"]?.stringValue == "deny")
        }
    }

    @Test func rpmLimitsRefuseWith429NamingTheLimit() async throws {
        try await InferenceHarness.withGateway { context, _, tokens in
            for _ in 0..<3 {
                let response = try await InferenceHarness.post(
                    context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
                #expect(response.status == .ok)
            }
            let refused = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
            #expect(refused.status == .tooManyRequests)
            let error = InferenceHarness.json(refused)["error"]
            #expect(error?["code"]?.stringValue == "rate_limited")
            #expect(error?["message"]?.stringValue?.contains("limit each-dev: 3 requests per minute") == true)
            let denials = try await InferenceHarness.audit(context.client, action: "model.use").filter {
                $0["decision"]?.stringValue == "deny"
            }
            #expect(denials.first?["rule"]?.stringValue == "each-dev")
        }
    }

    @Test func aSpentBudgetStopsOffloadWith403() async throws {
        try await InferenceHarness.withGateway { context, _, tokens in
            // 10 tokens in at 1 and 5 out at 2 per token: 20 micro-units a request; the budget is 40.
            for _ in 0..<2 {
                let response = try await InferenceHarness.post(
                    context.client, "/v1/chat/completions", token: tokens["saver"]!, Self.chat)
                #expect(response.status == .ok)
            }
            let refused = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["saver"]!, Self.chat)
            #expect(refused.status == .forbidden)
            let error = InferenceHarness.json(refused)["error"]
            #expect(error?["code"]?.stringValue == "budget_exceeded")
            #expect(error?["message"]?.stringValue?.contains("monthly budget of limit thrifty is spent") == true)
        }
    }

    @Test func streamsCountTokensTheUpstreamDidNotAndRecordTheSpend() async throws {
        try await InferenceHarness.withGateway { context, _, tokens in
            let response = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["dev"]!,
                #"{"model":"fast","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Say hi"}]}"#
            )
            #expect(response.status == .ok)
            let events = String(buffer: response.body).components(separatedBy: "\n\n").filter { $0.hasPrefix("data: ") }
            #expect(events.last == "data: [DONE]")
            let chunks = events.dropLast().compactMap { JSONValue.parse(Data($0.dropFirst(6).utf8)) }
            let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }
                .joined()
            #expect(text == "Hello there")
            let usage = try #require(chunks.last?["usage"])
            #expect(usage["completion_tokens"]?.intValue == 3)
            #expect(chunks.allSatisfy { $0["model"]?.stringValue == "fast" })
            let spend = try await InferenceHarness.audit(context.client, action: "model.spend")
            let outcome = spend.first?["outcome"]?.stringValue ?? ""
            #expect(outcome.contains("tokens_out=3") && outcome.contains("tokens_estimated"))
        }
    }

    @Test func ollamaChatTranslatesToolCallsAndErrors() async throws {
        try await InferenceHarness.withGateway { context, upstream, tokens in
            let response = try await InferenceHarness.post(
                context.client, "/api/chat", token: tokens["dev"]!,
                #"{"model":"fast","stream":false,"messages":[{"role":"user","content":"Weather in Paris?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}"#
            )
            #expect(response.status == .ok)
            let answer = InferenceHarness.json(response)
            #expect(answer["done"]?.boolValue == true)
            let call = answer["message"]?["tool_calls"]?.arrayValue?.first?["function"]
            #expect(call?["name"]?.stringValue == "get_weather")
            #expect(call?["arguments"] == ["city": "Paris"])
            #expect(upstream.requests.first?.body["stream"]?.boolValue == false)
            // No messages: Ollama's way to load a model, answered without generating anything.
            let load = try await InferenceHarness.post(
                context.client, "/api/chat", token: tokens["dev"]!, #"{"model":"fast","messages":[]}"#)
            #expect(load.status == .ok)
            #expect(InferenceHarness.json(load)["done_reason"]?.stringValue == "load")
            #expect(upstream.requests.count == 1)
            // Ollama's clients read errors as {"error": "..."}.
            let anonymous = try await context.client.execute(
                uri: "/api/chat", method: .post, body: ByteBuffer(string: "{}"))
            #expect(anonymous.status == .unauthorized)
            #expect(InferenceHarness.json(anonymous)["error"]?.stringValue != nil)
        }
    }

    @Test func upstreamCredentialFailuresNeverShowTheKey() async throws {
        try await InferenceHarness.withGateway { context, upstream, tokens in
            upstream.failWith.withLock { $0 = 401 }
            let response = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
            #expect(response.status == .badGateway)
            #expect(!String(buffer: response.body).contains("sk-fake"))
            #expect(String(buffer: response.body).contains("refused Gatehouse's credentials"))
        }
    }

    @Test func listingsShowOnlyWhatTheCallerMayUseAndUsageIsPerPerson() async throws {
        try await InferenceHarness.withGateway { context, _, tokens in
            let models = try await context.client.execute(
                uri: "/v1/models", method: .get, headers: ServerHarness.bearer(tokens["dev"]!))
            #expect(InferenceHarness.json(models)["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["fast"])
            let notListed = try await context.client.execute(
                uri: "/api/tags", method: .get, headers: ServerHarness.bearer(tokens["homebody"]!))
            #expect(notListed.status == .forbidden)
            _ = try await InferenceHarness.post(
                context.client, "/v1/chat/completions", token: tokens["dev"]!, Self.chat)
            // Usage reaches the store within the writer's interval.
            var rows: [JSONValue] = []
            for _ in 0..<50 where rows.isEmpty {
                let usage = try await context.client.execute(
                    uri: "/api/v1/usage?by=route", method: .get, headers: ServerHarness.bearer(tokens["dev"]!))
                rows = InferenceHarness.json(usage)["rows"]?.arrayValue ?? []
                if rows.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(rows.first?["key"]?.stringValue == "cloud/gpt-test")
            #expect(rows.first?["promptTokens"]?.intValue == 10)
            let others = try await context.client.execute(
                uri: "/api/v1/usage?all=true", method: .get, headers: ServerHarness.bearer(tokens["dev"]!))
            #expect(others.status == .forbidden)
        }
    }
}
